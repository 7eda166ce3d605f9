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
import { decisionRequestSchema } from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import { GrantRecord } from '../database/types';
import { Caller } from '../service/authorization';
import { SYSTEM_ACTOR } from '../service/GrantEngine';
import { GrantApiContext } from './grantApiContext';
import { audit, minutes, settle, subjectOf } from './grantOperation';

/** An approver's decision as `POST /grants/:id/approve` and `/reject` take it, validated. */
export type GrantDecision = z.output<typeof decisionRequestSchema>;

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
  const id = grant.id;
  return audit(
    ctx,
    'approve',
    caller,
    subjectOf(grant),
    comment ? { comment } : undefined,
    async () => {
      assertNotBundlePart(grant, 'approve');
      assertPending(grant, 'approved');
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
      const updated = await ctx.engine.lifecycle.approve(
        id,
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
      if (!updated) {
        throw new ConflictError(`grant ${id} was decided meanwhile; reload it`);
      }
      // The requester hears of it from the outbox, with this event.
      return check.complete ? settle(ctx, id, ctx.engine.drive(id)) : updated;
    },
  );
}

/** Ends a pending grant as `rejected`; one approver's no is enough. */
export async function rejectGrant(
  ctx: GrantApiContext,
  grant: GrantRecord,
  { comment }: GrantDecision,
  caller: Caller,
): Promise<GrantRecord> {
  const id = grant.id;
  return audit(
    ctx,
    'reject',
    caller,
    subjectOf(grant),
    comment ? { comment } : undefined,
    async () => {
      assertNotBundlePart(grant, 'reject');
      assertPending(grant, 'rejected');
      const check = ctx.approvals.canReject({
        grant,
        requirement: grant.approvalRequirement ?? { mode: 'auto' },
        approver: caller,
      });
      if (!check.allowed) {
        throw new NotAllowedError(check.reason);
      }
      const updated = await ctx.engine.reject(
        id,
        caller.userEntityRef,
        comment,
      );
      if (!updated) {
        throw new ConflictError(`grant ${id} was decided meanwhile; reload it`);
      }
      return updated;
    },
  );
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

function assertPending(grant: GrantRecord, verb: string): void {
  if (grant.state !== 'pending') {
    throw new ConflictError(
      `only a pending grant can be ${verb}; grant ${grant.id} is ${grant.state}`,
    );
  }
}
