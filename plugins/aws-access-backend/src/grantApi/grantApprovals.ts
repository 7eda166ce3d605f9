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
import { GrantRecord } from '../database/types';
import { Caller } from '../service/authorization';
import { SYSTEM_ACTOR } from '../service/GrantEngine';
import { toApiGrant } from '../service/grantView';
import { GrantApiContext } from './grantApiContext';
import {
  audit,
  minutes,
  mustGet,
  parse,
  settle,
  subjectOf,
} from './grantOperation';

/**
 * Records the caller's approval of a pending grant. The approval that
 * completes the requirement (N of M distinct approvers, never the
 * requester) starts provisioning, with the clock starting now.
 */
export async function approveGrant(
  ctx: GrantApiContext,
  id: string,
  body: unknown,
  caller: Caller,
): Promise<GrantRecord> {
  const { comment } = parse(decisionRequestSchema, body);
  const grant = await mustGet(ctx, id);
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
      const event = check.complete
        ? {
            type: 'approved' as const,
            toState: 'provisioning' as const,
            actor: caller.userEntityRef,
            reason: comment,
            data: progress,
          }
        : {
            type: 'approval-recorded' as const,
            actor: caller.userEntityRef,
            reason: comment,
            data: progress,
          };
      const updated = await ctx.store.recordApproval(
        id,
        { approver: caller.userEntityRef, approvedAt: now, comment },
        check.complete
          ? {
              state: 'provisioning',
              approvedAt: now,
              approvedBy: approvers.join(', '),
              expiresAt: new Date(
                now.getTime() + minutes(grant.durationMinutes),
              ),
            }
          : {},
        event,
      );
      if (!updated) {
        throw new ConflictError(`grant ${id} was decided meanwhile; reload it`);
      }
      await ctx.engine.emit(updated, event.type, event);
      await ctx.notifications?.approved(
        toApiGrant(updated),
        caller.userEntityRef,
        check.required - check.approvals,
      );
      return check.complete ? settle(ctx, id, ctx.engine.drive(id)) : updated;
    },
  );
}

/** Ends a pending grant as `rejected`; one approver's no is enough. */
export async function rejectGrant(
  ctx: GrantApiContext,
  id: string,
  body: unknown,
  caller: Caller,
): Promise<GrantRecord> {
  const { comment } = parse(decisionRequestSchema, body);
  const grant = await mustGet(ctx, id);
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
  const cutoff = new Date(
    now.getTime() - minutes(ctx.approvals.pendingTimeoutMinutes),
  );
  const due = await ctx.store.listPendingDue({
    now,
    createdBefore: cutoff,
    limit: 500,
  });
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
