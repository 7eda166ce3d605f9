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
import { ConflictError, InputError } from '@backstage/errors';
import { GrantRecord } from '../database/types';
import { Caller } from '../permissions/caller';
import {
  extendedExpiry,
  extensionNeedsApprovalMessage,
} from './grantExtension';
import { GrantApiContext } from './grantApiContext';
import { auditedChange, settle } from './grantOperation';
import { ExtendGrantInput, RevokeGrantInput } from './grantRequests';
import { extensionLimits, extensionRequirement } from './grantRules';

/**
 * Revokes a grant; a pending one is cancelled. Who may is the permission
 * framework's decision (`aws-access.grant.revoke`), checked by the router.
 */
export async function revokeGrant(
  ctx: GrantApiContext,
  grant: GrantRecord,
  request: RevokeGrantInput,
  caller: Caller,
): Promise<GrantRecord> {
  const id = grant.id;
  const action = grant.state === 'pending' ? 'cancel' : 'revoke';
  const details = { reason: request.reason };
  return auditedChange(ctx, { action, grant, caller, details }, async () => {
    assertNotBundlePart(grant, 'revoke');
    // A pending request is cancelled; one approved meanwhile is revoked.
    let updated =
      grant.state === 'pending'
        ? await ctx.engine.cancel(id, caller.userEntityRef, request.reason)
        : grant;
    if (updated.state !== 'cancelled') {
      updated = await ctx.engine.revoke(
        id,
        caller.userEntityRef,
        request.reason,
      );
    }
    if (updated.state !== 'revoking') {
      return updated;
    }
    return settle(ctx, id, ctx.engine.drive(id));
  });
}

/** Withdraws a pending request; it ends `cancelled`. */
export async function cancelGrant(
  ctx: GrantApiContext,
  grant: GrantRecord,
  { reason }: RevokeGrantInput,
  caller: Caller,
): Promise<GrantRecord> {
  const id = grant.id;
  return auditedChange(
    ctx,
    { action: 'cancel', grant, caller, details: { reason } },
    async () => {
      if (grant.state === 'cancelled') {
        return grant;
      }
      assertNotBundlePart(grant, 'cancel');
      if (grant.state !== 'pending') {
        throw new ConflictError(
          `only a pending request can be cancelled; grant ${id} is ${
            grant.state
          }${grant.state === 'active' ? ', revoke it instead' : ''}`,
        );
      }
      const updated = await ctx.engine.cancel(id, caller.userEntityRef, reason);
      if (updated.state !== 'cancelled') {
        throw new ConflictError(
          `grant ${id} was decided meanwhile; it is ${updated.state}`,
        );
      }
      return updated;
    },
  );
}

export async function extendGrant(
  ctx: GrantApiContext,
  grant: GrantRecord,
  request: ExtendGrantInput,
  caller: Caller,
): Promise<GrantRecord> {
  const id = grant.id;
  const limits = extensionLimits(ctx);
  if (request.durationMinutes > limits.maxDurationMinutes) {
    throw new InputError(
      `durationMinutes must be at most ${limits.maxDurationMinutes}`,
    );
  }
  const { durationMinutes, reason } = request;
  const details = { durationMinutes, reason };
  return auditedChange(
    ctx,
    { action: 'extend', grant, caller, details },
    async () => {
      assertNotBundlePart(grant, 'extend');
      assertExtensionNeedsNoApproval(ctx, grant);
      // "Extend by N": N more than the current expiry, within the limits.
      const expiresAt = extendedExpiry(grant, request.durationMinutes, limits);
      // Less than a minute more is no extension: the limits are reached.
      if (
        grant.expiresAt &&
        expiresAt.getTime() - grant.expiresAt.getTime() < 60_000
      ) {
        throw new ConflictError(
          `This grant already lasts the longest allowed; it cannot be extended further.`,
        );
      }
      return ctx.engine.extend(id, {
        expiresAt,
        actor: caller.userEntityRef,
        reason: request.reason,
      });
    },
  );
}

/**
 * Extensions go through the same approval rules as requests, judged on
 * the facts captured with the grant. Where a rule asks for approval the
 * extension is refused (409) and the user requests access anew once this
 * grant ends, so that the new request reaches the approvers like any
 * other: an approver never sees a silently longer grant than they
 * approved, and no half-approved extension is left hanging.
 */
function assertExtensionNeedsNoApproval(
  ctx: GrantApiContext,
  grant: GrantRecord,
): void {
  const requirement = extensionRequirement(ctx, grant);
  if (requirement.mode !== 'auto') {
    throw new ConflictError(extensionNeedsApprovalMessage(requirement));
  }
}
