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

import { randomUUID } from 'node:crypto';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import type { ApprovalRequirement } from '@backstage-aws-access/plugin-aws-access-node';
import { duplicateGrantError } from '@backstage-aws-access/plugin-aws-access-common';
import { admitBreakGlass } from '../breakGlass/BreakGlass';
import { GrantRecord } from '../database/types';
import { GRANT_POLICY_NAME, grantRoleName } from '../provisioning/naming';
import { Caller } from '../permissions/caller';
import { GrantApiContext } from './grantApiContext';
import { audit, settle } from './grantOperation';
import { ParsedGrantRequest, planGrantRequest } from './planGrantRequest';

/**
 * Creates a grant for the caller. The approval rules decide: a request
 * that needs no approval is provisioned at once; any other waits as
 * `pending` (without an expiry: the clock starts when it is approved) and
 * its approvers are notified.
 *
 * A second identical request while the first is live (same requester,
 * resource and action set, in `pending`, `provisioning` or `active`) is a
 * 409 ConflictError naming the existing grant: extend that one instead.
 * A partial unique index enforces this also for simultaneous requests.
 */
export async function createGrant(
  ctx: GrantApiContext,
  request: ParsedGrantRequest,
  caller: Caller,
): Promise<GrantRecord> {
  return audit(
    ctx,
    'request',
    caller,
    {
      requester: caller.userEntityRef,
      resourceArn: request.resourceArn,
      actions: request.actions,
    },
    {
      durationMinutes: request.durationMinutes,
      reason: request.reason,
      ...(request.breakGlass && { breakGlass: true }),
    },
    () => create(ctx, request, caller),
  );
}

async function create(
  ctx: GrantApiContext,
  request: ParsedGrantRequest,
  caller: Caller,
): Promise<GrantRecord> {
  const config = ctx.config();
  const now = new Date();
  const plan = await planGrantRequest(ctx, request, caller, now);
  const { resource, target, statements, actions, principals, expiresAt } = plan;
  const { account } = target;
  const trustPrincipalArns = principals.principalArns;
  const id = randomUUID();

  // A friendlier answer than the unique index's, in the common case.
  const duplicate = await ctx.store.findLiveDuplicate({
    requester: caller.userEntityRef,
    resourceArn: request.resourceArn,
    actions,
  });
  if (duplicate) {
    throw duplicateGrantError(
      `You already have this access (${duplicate.state}); extend that grant instead.`,
      duplicate.id,
    );
  }

  const resourceFacts = {
    owner: target.resource?.owner,
    tags: target.resource?.tags,
  };
  // Break-glass: the requester approves their own request, where a rule
  // allows it; checked before anything is written.
  const breakGlass = request.breakGlass
    ? admitRequesterBreakGlass(ctx, request, plan.requirement)
    : undefined;
  const requirement = breakGlass ?? plan.requirement;
  const auto = requirement.mode === 'auto' || !!breakGlass;
  const state = auto ? 'provisioning' : 'pending';

  // A break-glass use is counted and recorded with the grant, under the
  // insert's per-requester lock: both commit or neither.
  const recordBreakGlass =
    breakGlass && breakGlass.mode !== 'auto'
      ? (tx: Knex.Transaction) =>
          ctx.breakGlass!.reviews.recordUse(tx, {
            grantId: id,
            requester: caller.userEntityRef,
            createdAt: now,
            config: ctx.breakGlass!.config,
          })
      : undefined;
  const grant = await ctx.engine.request(
    {
      id,
      state,
      requester: caller.userEntityRef,
      resourceArn: request.resourceArn,
      resourceType: resource.resourceType,
      accountId: account.accountId,
      region: resource.region,
      actions,
      reason: request.reason,
      durationMinutes: request.durationMinutes,
      createdAt: now,
      // Auto-approved: the clock starts now, and both policies carry it.
      // A pending grant gets its expiry when it is approved, and a
      // deadline now: stored, so that the one people are shown is the one
      // the sweep enforces, whatever the config says later.
      ...(auto
        ? {
            approvedAt: now,
            approvedBy: breakGlass
              ? `${caller.userEntityRef} (break-glass)`
              : 'auto',
            expiresAt,
          }
        : { approvalDeadline: ctx.approvals.pendingDeadline(now) }),
      // Named after the catalogued resource, never a path the caller typed.
      roleName: grantRoleName(
        id,
        target.resource?.title ?? target.resource?.name,
        config.rolePath,
      ),
      policyName: GRANT_POLICY_NAME,
      trustPrincipalArns,
      statements,
      resourceRef: target.resource?.entityRef,
      resourceOwner: resourceFacts.owner,
      resourceTags: resourceFacts.tags,
      approvalRequirement: requirement,
    },
    {
      actor: caller.userEntityRef,
      reason: request.reason,
      data: {
        actions,
        durationMinutes: request.durationMinutes,
        approval: describeRequirement(requirement),
        principals: principals.source,
        ...(principals.warnings.length
          ? { warnings: principals.warnings }
          : {}),
      },
    },
    {
      maxLivePerRequester: config.limits.maxLiveGrantsPerUser,
      maxPendingPerRequester: config.limits.maxPendingRequestsPerUser,
      maxLivePerAccount: config.limits.maxLiveGrantsPerAccount,
    },
    recordBreakGlass,
  );
  // Approvers hear of it (a request, or a break-glass use) from the outbox,
  // with the `requested` event.
  if (!breakGlass && requirement.mode !== 'auto') {
    return grant;
  }
  return settle(ctx, grant.id, ctx.engine.drive(grant.id, grant));
}

function admitRequesterBreakGlass(
  ctx: GrantApiContext,
  request: ParsedGrantRequest,
  requirement: ApprovalRequirement,
): ApprovalRequirement {
  if (!ctx.breakGlass) {
    throw new InputError('breakGlass: break-glass is not enabled here');
  }
  return admitBreakGlass({
    requirement,
    reason: request.reason,
    durationMinutes: request.durationMinutes,
    config: ctx.breakGlass.config,
  });
}

/** The approval requirement as recorded in the `requested` event. */
function describeRequirement(
  requirement: ApprovalRequirement,
): Record<string, unknown> {
  return requirement.mode === 'auto'
    ? { mode: 'auto', rule: requirement.ruleIndex }
    : {
        mode: requirement.mode,
        rule: requirement.ruleIndex,
        approverGroups: requirement.approverGroups,
        count: requirement.count,
        ...(requirement.breakGlass === 'used' && { breakGlass: true }),
      };
}
