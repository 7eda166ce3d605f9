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

import type { ApprovalRequirement } from '@backstage-aws-access/plugin-aws-access-node';
import {
  AccessLevel,
  Grant,
  GRANT_LIMITS,
  GrantLimits,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { PermissionStatement } from '../iamActions/types';
import { presentGrant } from './grantPresentation';
import { GrantApiContext } from './grantApiContext';

/** The API view of a stored grant, with `extension` and `cli`. */
export function present(ctx: GrantApiContext, record: GrantRecord): Grant {
  return presentGrant(record, {
    requirement: () => extensionRequirement(ctx, record),
    limits: extensionLimits(ctx),
    cli: ctx.presentation?.cli,
  });
}

/** The limits of a request, stated up front by the forms. */
export function requestLimits(ctx: GrantApiContext): GrantLimits {
  return {
    maxDurationMinutes: ctx.config().maxDurationMinutes,
    maxActions: GRANT_LIMITS.maxActions,
  };
}

export function extensionLimits(ctx: GrantApiContext) {
  return {
    maxDurationMinutes: ctx.config().maxDurationMinutes,
    maxTotalLifetimeMinutes: ctx.config().limits.maxTotalLifetimeMs / 60_000,
  };
}

/** The approval rules' say on extending a grant, judged on the facts captured with it. */
export function extensionRequirement(
  ctx: GrantApiContext,
  grant: GrantRecord,
): ApprovalRequirement {
  return ctx.approvals.decide({
    accountId: grant.accountId,
    resourceOwner: grant.resourceOwner,
    resourceTags: grant.resourceTags,
    accessLevels: accessLevels(ctx, grant.resourceArn, grant.statements),
  });
}

/**
 * The access levels of the requested actions. An action the catalog does
 * not list for the resource (e.g. a wildcard, where allowed) counts as the
 * most powerful level, so it can never slip past an approval rule.
 */
export function accessLevels(
  ctx: GrantApiContext,
  resourceArn: string,
  statements: PermissionStatement[],
): AccessLevel[] {
  const known = new Map(
    ctx.actions
      .listActions(resourceArn)
      .map(a => [a.action.toLowerCase(), a.accessLevel]),
  );
  return statements
    .flatMap(s => s.actions)
    .map(
      action =>
        known.get(action.toLowerCase()) ??
        ('Permissions management' as AccessLevel),
    );
}
