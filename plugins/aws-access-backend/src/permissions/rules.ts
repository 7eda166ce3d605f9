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

import { createPermissionRule } from '@backstage/plugin-permission-node';
import { GRANT_STATES } from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import { grantPermissionResourceRef } from './resource';

/**
 * Entity refs compare without case. The store keeps them lower-case, so the
 * in-memory and SQL forms of each rule agree.
 */
const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

// zod 4 schemas are Standard Schemas that convert themselves to JSON Schema,
// which is what the permission framework takes.
const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs to match, usually the user ref or the ownership refs of the signed-in user',
    ),
});

/** Grants requested by one of the given users (pass the user's own ref). */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow grants requested by one of the given users',
  resourceRef: grantPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (grant, { claims }) =>
    lower(claims).includes(grant.requester.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({ property: 'requester', values: lower(claims) }),
});

/**
 * Grants for resources owned by one of the given entities (pass the user's
 * ownership refs, so members of the owning group match).
 */
export const isResourceOwner = createPermissionRule({
  name: 'IS_RESOURCE_OWNER',
  description:
    'Allow grants for resources that one of the given entities owns in the catalog',
  resourceRef: grantPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (grant, { claims }) =>
    grant.resourceOwner !== undefined &&
    lower(claims).includes(grant.resourceOwner.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({
    property: 'resource_owner',
    values: lower(claims),
  }),
});

/**
 * Grants that members of one of the given groups may approve (pass the
 * user's ownership refs). Covers both `owner` and `groups` approval rules,
 * because the approver groups are fixed on the grant when it is requested.
 */
export const isApprover = createPermissionRule({
  name: 'IS_APPROVER',
  description:
    'Allow grants whose approval rule names one of the given groups as approvers',
  resourceRef: grantPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (grant, { claims }) => {
    const wanted = lower(claims);
    return (grant.approverGroups ?? []).some(group =>
      wanted.includes(group.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({
    property: 'approver_group',
    values: lower(claims),
  }),
});

/** Grants in one of the given states, e.g. only `pending` ones. */
export const hasState = createPermissionRule({
  name: 'HAS_STATE',
  description: 'Allow grants in one of the given states',
  resourceRef: grantPermissionResourceRef,
  paramsSchema: z.object({
    states: z
      .array(z.enum(GRANT_STATES))
      .describe('Grant states to match, e.g. pending'),
  }),
  apply: (grant, { states }) => states.includes(grant.state),
  toQuery: ({ states }) => ({ property: 'state', values: states }),
});

/** Every grant rule, for `permissionsRegistry.addResourceType`. */
export const grantPermissionRules = {
  isRequester,
  isResourceOwner,
  isApprover,
  hasState,
};
