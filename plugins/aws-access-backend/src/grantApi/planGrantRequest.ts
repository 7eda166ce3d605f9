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

import { InputError } from '@backstage/errors';
import {
  createGrantRequestSchema,
  GrantPreview,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import { renderGrantPolicies } from '../provisioning/policies';
import { assertNotManaged } from '../resources/managedResources';
import { parseResourceArn } from '../resources/strictArn';
import { Caller } from '../permissions/caller';
import { GrantPlan, toGrantPreview } from './grantPreview';
import { GrantApiContext } from './grantApiContext';
import { minutes } from './grantOperation';
import { accessLevels } from './grantRules';

/** A request as `POST /grants` takes it, validated (defaults applied). */
export type ParsedGrantRequest = z.output<typeof createGrantRequestSchema>;

/** `POST /grants/preview`: what `createGrant` would do, creating nothing. */
export async function previewGrant(
  ctx: GrantApiContext,
  request: ParsedGrantRequest,
  caller: Caller,
): Promise<GrantPreview> {
  const plan = await planGrantRequest(ctx, request, caller, new Date());
  const preview = toGrantPreview(plan, {
    maxDurationMinutes: ctx.config().maxDurationMinutes,
    levels: ctx.actions.listActions(plan.resource.arn),
  });
  const { requirement } = plan;
  return {
    ...preview,
    ...(ctx.breakGlass && {
      breakGlass: {
        allowed:
          requirement.mode !== 'auto' && requirement.breakGlass === 'allowed',
        maxDurationMinutes: ctx.breakGlass.config.maxDurationMinutes,
      },
    }),
  };
}

/**
 * Every check of a request, in the order a failure is cheapest to find,
 * and what it would become: the same for `POST /grants` and its preview,
 * so the preview can never promise what the request would refuse.
 */
export async function planGrantRequest(
  ctx: GrantApiContext,
  request: ParsedGrantRequest,
  caller: Caller,
  now: Date,
): Promise<GrantPlan> {
  const config = ctx.config();
  if (request.durationMinutes > config.maxDurationMinutes) {
    throw new InputError(
      `durationMinutes must be at most ${config.maxDurationMinutes}`,
    );
  }
  const arn = parseResourceArn(request.resourceArn);
  assertNotManaged(arn, ctx.managedNames());
  const wildcards = request.actions.filter(a => /[*?]/.test(a));
  if (wildcards.length && !config.allowWildcardActions) {
    throw new InputError(
      `actions: wildcards are not allowed (${wildcards.join(
        ', ',
      )}); name each action`,
    );
  }
  const resource = ctx.actions.resolveResource(arn.arn);
  const target = await ctx.accounts.resolve(arn, request.accountId);
  ctx.assertAccountReady?.(target.account.accountId);
  if (target.isSubResource || arn.isPrefix) {
    const parent = target.resource;
    if (!parent || !ctx.actions.isSubResource(parent.arn, arn.arn)) {
      throw new InputError(
        `resourceArn: ${
          arn.arn
        } is not a sub-resource of a catalogued resource${
          parent ? ` (${parent.arn} has no such sub-resources)` : ''
        }; a prefix (/*) is only allowed under one`,
      );
    }
  }
  const statements = ctx.actions.buildStatements(arn.arn, request.actions, {
    allowWildcards: config.allowWildcardActions,
  });
  const actions = [...new Set(statements.flatMap(s => s.actions))].sort();
  const principals = await ctx.principals.resolve(
    caller.userEntityRef,
    target.account,
  );
  const expiresAt = new Date(now.getTime() + minutes(request.durationMinutes));
  // Renders both policies as IAM will get them: too big is a 400 now,
  // not a failed grant later.
  const policies = renderGrantPolicies({
    trustPrincipalArns: principals.principalArns,
    statements,
    expiresAt,
  });
  // Owner and tags of the catalogued resource, captured now, so that a
  // later catalog edit does not move a pending approval.
  const requirement = ctx.approvals.decide({
    accountId: target.account.accountId,
    resourceOwner: target.resource?.owner,
    resourceTags: target.resource?.tags,
    accessLevels: accessLevels(ctx, arn.arn, statements),
  });
  return {
    request,
    resource,
    target,
    statements,
    actions,
    principals,
    expiresAt,
    policies,
    requirement,
  };
}
