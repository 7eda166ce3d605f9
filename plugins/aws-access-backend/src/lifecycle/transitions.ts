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
  GrantEventType,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';

/**
 * What must hold, besides the from-state, for a transition to apply; each
 * is checked by the database in the statement that writes.
 *
 * - `claim-held`: the writer holds the row claim (the engine or the
 *   reconciler working on the grant's IAM role);
 * - `no-live-claim`: nobody is working on the grant right now;
 * - `expiry-reached`: the grant's `expiresAt` has passed.
 */
export type TransitionGuard = 'claim-held' | 'no-live-claim' | 'expiry-reached';

export interface Transition {
  /** States the grant may be in. */
  from: readonly GrantState[];
  /** The state it is in afterwards; `same` for a step within a state. */
  to: GrantState | 'same';
  guards: readonly TransitionGuard[];
}

/** States a new grant starts in (`requested`). */
export const REQUESTED_STATES: readonly GrantState[] = [
  'pending',
  'provisioning',
];

/** History rows that record something beside the grant, not a change of it. */
export const NOTE_EVENT_TYPES = ['orphan-removed', 'drift-repaired'] as const;
export type NoteEventType = (typeof NOTE_EVENT_TYPES)[number];

/** Every event that changes a grant row, but the first (`requested`). */
export type TransitionEventType = Exclude<
  GrantEventType,
  'requested' | NoteEventType
>;

/**
 * The grant state machine. Every change of a grant row goes through one
 * of these, by {@link GrantLifecycle}.
 */
export const TRANSITIONS: Readonly<Record<TransitionEventType, Transition>> = {
  // The request and its decision.
  'approval-recorded': { from: ['pending'], to: 'same', guards: [] },
  approved: { from: ['pending'], to: 'provisioning', guards: [] },
  rejected: { from: ['pending'], to: 'rejected', guards: [] },
  cancelled: { from: ['pending'], to: 'cancelled', guards: [] },
  // Provisioning, by the engine holding the claim.
  'role-created': {
    from: ['provisioning'],
    to: 'same',
    guards: ['claim-held'],
  },
  activated: { from: ['provisioning'], to: 'active', guards: ['claim-held'] },
  'step-failed': {
    from: ['provisioning', 'revoking'],
    to: 'same',
    guards: ['claim-held'],
  },
  'provisioning-failed': {
    from: ['provisioning'],
    to: 'revoking',
    guards: ['claim-held'],
  },
  // Extension: the policies are rewritten under the claim first.
  extended: { from: ['active'], to: 'same', guards: ['claim-held'] },
  'extend-failed': { from: ['active'], to: 'same', guards: [] },
  // The end of a grant. Revocation waits for a step in progress to finish.
  expiring: {
    from: ['active'],
    to: 'revoking',
    guards: ['no-live-claim', 'expiry-reached'],
  },
  'revoke-requested': {
    from: ['active', 'provisioning'],
    to: 'revoking',
    guards: ['no-live-claim'],
  },
  'policy-deleted': {
    from: ['revoking'],
    to: 'same',
    guards: ['claim-held'],
  },
  revoked: { from: ['revoking'], to: 'revoked', guards: ['claim-held'] },
  expired: { from: ['revoking'], to: 'expired', guards: ['claim-held'] },
  failed: { from: ['revoking'], to: 'failed', guards: ['claim-held'] },
};

/**
 * Steps inside a state that listeners are not told of: nothing a requester
 * or another system acts on happens there.
 */
export const UNANNOUNCED: ReadonlySet<TransitionEventType> = new Set([
  'role-created',
  'policy-deleted',
  'extend-failed',
]);

/** The state after `type` from `from`, or undefined when it is not allowed. */
export function nextState(
  type: TransitionEventType,
  from: GrantState,
): GrantState | undefined {
  const transition = TRANSITIONS[type];
  if (!transition.from.includes(from)) {
    return undefined;
  }
  return transition.to === 'same' ? from : transition.to;
}
