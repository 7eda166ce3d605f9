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

import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  ActionInfo,
  AwsAccount,
  GRANT_LIMITS,
  GrantEvent,
  listGrantsQuerySchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { GrantFilter } from '../permissions/resource';
import { assertNotManaged } from '../resources/managedResources';
import { parseResourceArn } from '../resources/strictArn';
import { GrantApiContext } from './grantApiContext';
import { mustGet, parse } from './grantOperation';

export function listAccounts(ctx: GrantApiContext): AwsAccount[] {
  return ctx.config().accounts.map(
    a =>
      ctx.describeAccount?.(a) ?? {
        accountId: a.accountId,
        name: a.name,
        regions: a.regions,
        status: 'unknown',
      },
  );
}

export function listActions(
  ctx: GrantApiContext,
  resourceArn: unknown,
): ActionInfo[] {
  const arn = parseResourceArn(resourceArn);
  assertNotManaged(arn, ctx.managedNames());
  return ctx.actions.listActions(arn.arn);
}

/**
 * Lists grants newest first; `permissionFilter` (a conditional permission
 * decision) narrows the query itself, so every page is full.
 */
export async function listGrants(
  ctx: GrantApiContext,
  query: unknown,
  permissionFilter?: PermissionCriteria<GrantFilter>,
): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
  const filter = parse(listGrantsQuerySchema, query);
  return ctx.store.listGrants({
    ...filter,
    limit: filter.limit ?? GRANT_LIMITS.defaultListLimit,
    permissionFilter,
  });
}

export async function getGrant(
  ctx: GrantApiContext,
  id: string,
): Promise<{ grant: GrantRecord; events: GrantEvent[] }> {
  const grant = await mustGet(ctx, id);
  return { grant, events: await ctx.store.listEvents(id) };
}
