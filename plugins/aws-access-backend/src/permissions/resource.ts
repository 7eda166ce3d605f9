/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import type { GrantRecord } from '../database/types';
import {
  AWS_ACCESS_PLUGIN_ID,
  Grant,
  RESOURCE_TYPE_AWS_ACCESS_GRANT,
} from '@backstage-aws-access/plugin-aws-access-common';

/**
 * What the grant permission rules look at. Any grant the engine holds (the
 * API `Grant` or the stored record) fits, once it carries the owner of the
 * requested resource.
 *
 * @public
 */
export type AwsAccessGrantResource = Pick<
  Grant,
  'id' | 'requester' | 'state'
> & {
  /** Owner entity ref of the requested resource, from the catalog. */
  resourceOwner?: string;
  /** Groups whose members may approve the grant (while it needs approval). */
  approverGroups?: string[];
};

/**
 * The columns of the `grants` table that permission conditions filter on.
 *
 * @public
 */
export const GRANT_FILTER_COLUMNS = [
  'requester',
  'resource_owner',
  'state',
  // Not a column of `grants`: the groups in `grant_approvers` for the grant.
  'approver_group',
] as const;

/**
 * A leaf of the query a conditional decision becomes: the grant's column is
 * one of the values. The store turns a tree of these (allOf / anyOf / not)
 * into SQL with `applyGrantFilterToKnex`, so list results are filtered by
 * the database, not in memory.
 *
 * @public
 */
export interface GrantFilter {
  property: (typeof GRANT_FILTER_COLUMNS)[number];
  values: string[];
}

/** The grant resource type in the permission framework. */
export const grantPermissionResourceRef = createPermissionResourceRef<
  AwsAccessGrantResource,
  GrantFilter
>().with({
  pluginId: AWS_ACCESS_PLUGIN_ID,
  resourceType: RESOURCE_TYPE_AWS_ACCESS_GRANT,
});

/** The permission resource of a stored grant. */
export function toPermissionResource(
  grant: GrantRecord,
): AwsAccessGrantResource {
  const requirement = grant.approvalRequirement;
  return {
    id: grant.id,
    requester: grant.requester,
    state: grant.state,
    resourceOwner: grant.resourceOwner,
    approverGroups:
      requirement && requirement.mode !== 'auto'
        ? requirement.approverGroups
        : undefined,
  };
}
