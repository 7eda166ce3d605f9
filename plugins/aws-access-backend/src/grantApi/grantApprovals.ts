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

import { assertNotBundlePart } from '../bundles/bundlePartGuard';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { GrantRecord } from '../database/types';
import { Caller } from '../permissions/caller';
import { SYSTEM_ACTOR } from '../engine/GrantEngine';
import { GrantApiContext } from './grantApiContext';
import { auditedChange, GrantChange, minutes, settle } from './grantOperation';
import { GrantDecision } from './grantRequests';

/**
 * Records the caller's approval of a pending grant. The approval that
 * completes the requirement (N of M distinct approvers, never the
 * requester) starts provisioning, with the clock starting now.
 */
export async function approveGrant(
  ctx: GrantApiContext,
  grant: GrantRecord,
  { comment }: GrantDecision,
  caller: Caller,
): Promise<GrantRecord> {
  return decide(ctx, 'approve', { grant, caller, comment }, async () => {
    const requirement = grant.approvalRequirement ?? { mode: 'auto' };
    const check = ctx.approvals.canApprove({
      grant,
      requirement,
      approver: caller,
      previousApprovals: grant.approvals,
    });
    if (!check.allowed) {
      throw new NotAllowedError(check.reason);
    }
    const now = new Date();
    const approvers = [
      ...grant.approvals.map(a => a.approver),
      caller.userEntityRef,
    ];
    const progress = {
      approvals: check.approvals,
      required: check.required,
    };
    const updated = await ctx.lifecycle.approve(
      grant.id,
      { approver: caller.userEntityRef, approvedAt: now, comment },
      {
        complete: check.complete,
        patch: {
          approvedAt: now,
          approvedBy: approvers.join(', '),
          expiresAt: new Date(now.getTime() + minutes(grant.durationMinutes)),
        },
        reason: comment,
        data: progress,
      },
    );
    // The requester hears of it from the outbox, with this event.
    return updated && check.complete
      ? settle(ctx, grant.id, ctx.engine.drive(grant.id))
      : updated;
  });
}

/** Ends a pending grant as `rejected`; one approver's no is enough. */
export async function rejectGrant(
  ctx: GrantApiContext,
  grant: GrantRecord,
  { comment }: GrantDecision,
  caller: Caller,
): Promise<GrantRecord> {
  return decide(ctx, 'reject', { grant, caller, comment }, async () => {
    const check = ctx.approvals.canReject({
      grant,
      requirement: grant.approvalRequirement ?? { mode: 'auto' },
      approver: caller,
    });
    if (!check.allowed) {
      throw new NotAllowedError(check.reason);
    }
    return ctx.engine.reject(grant.id, caller.userEntityRef, comment);
  });
}

/**
 * Runs an approver's decision on a pending grant, audited. The decision
 * answers undefined when another one got there first.
 */
async function decide(
  ctx: GrantApiContext,
  verb: 'approve' | 'reject',
  { grant, caller, comment }: Omit<GrantChange, 'action'> & GrantDecision,
  decision: () => Promise<GrantRecord | undefined>,
): Promise<GrantRecord> {
  const change = { action: verb, grant, caller, details: { comment } };
  return auditedChange(ctx, change, async () => {
    assertNotBundlePart(grant, verb);
    if (grant.state !== 'pending') {
      throw new ConflictError(
        `only a pending grant can be ${verb}d; grant ${grant.id} is ${grant.state}`,
      );
    }
    const decided = await decision();
    if (!decided) {
      throw new ConflictError(
        `grant ${grant.id} was decided meanwhile; reload it`,
      );
    }
    return decided;
  });
}

/**
 * Ends pending requests nobody decided on in time, as `rejected` with the
 * reason. A request times out at the deadline stored with it; one stored
 * before deadlines were, by the configured timeout. Run by the periodic
 * sweep; returns how many timed out.
 */
export async function timeOutPendingGrants(
  ctx: GrantApiContext,
  now = new Date(),
): Promise<number> {
  const due = await ctx.store.listPendingDue({ now, limit: 500 });
  let count = 0;
  for (const grant of due) {
    const waited = grant.approvalDeadline
      ? Math.round(
          (grant.approvalDeadline.getTime() - grant.createdAt.getTime()) /
            60_000,
        )
      : undefined;
    const ended = await ctx.engine.reject(
      grant.id,
      SYSTEM_ACTOR,
      ctx.approvals.pendingTimeoutReason(waited),
      { timedOut: true },
    );
    if (ended) {
      count += 1;
    }
  }
  return count;
}
