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

import {
  type BundleState,
  type Grant,
  type GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';

/** States in which the engine is still working on the grant. */
const TRANSITIONAL_GRANT_STATES: readonly GrantState[] = [
  'pending',
  'provisioning',
  'revoking',
];

/** States in which a grant still holds, or may soon hold, access. */
export const LIVE_GRANT_STATES: readonly GrantState[] = [
  'pending',
  'provisioning',
  'active',
  'revoking',
];

/**
 * Whether the grant will change on its own soon, so the UI should keep
 * asking: while the engine works on it, and once an active grant is past its
 * expiry but the engine has not yet recorded that.
 */
export function isChanging(grant: Grant, now: number = Date.now()): boolean {
  if (TRANSITIONAL_GRANT_STATES.includes(grant.state)) {
    return true;
  }
  return (
    grant.state === 'active' &&
    grant.expiresAt !== undefined &&
    Date.parse(grant.expiresAt) <= now
  );
}

/**
 * Whether revoke may be offered for this grant: once it was approved and
 * until it ends. A pending request is not revoked but cancelled by its
 * requester (`CancelRequestButton`) or rejected by an approver.
 */
export function canRevoke(grant: Grant): boolean {
  return grant.state === 'active' || grant.state === 'provisioning';
}

/** Whether the grant can be extended (only while it is active). */
export function canExtend(grant: Grant): boolean {
  // The backend says when a rule or limit makes an extension impossible.
  return grant.state === 'active' && grant.extension?.allowed !== false;
}

/** Why an active grant cannot be extended, in words for people; undefined when it can. */
export function extensionBlockedReason(grant: Grant): string | undefined {
  return grant.state === 'active' && grant.extension?.allowed === false
    ? grant.extension.reason ?? 'This grant cannot be extended.'
    : undefined;
}

const STATE_LABELS: Record<BundleState, string> = {
  pending: 'Pending approval',
  provisioning: 'Provisioning',
  active: 'Active',
  revoking: 'Revoking',
  revoked: 'Revoked',
  expired: 'Expired',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  failed: 'Failed',
  // A bundle whose parts ended differently, e.g. one account's role failed.
  partial: 'Parts differ',
};

export function grantStateLabel(state: BundleState): string {
  return STATE_LABELS[state] ?? state;
}
