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

import { ConflictError } from '@backstage/errors';
import { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantApproval } from '@backstage-aws-access/plugin-aws-access-node';
import { Knex } from 'knex';
import {
  GrantCondition,
  GrantPatch,
  GrantRecord,
  GrantStore,
  InsertLimits,
  NewGrantEvent,
  NewGrantRecord,
} from '../database/types';
import { GrantEventBus } from './GrantEventBus';
import {
  nextState,
  NoteEventType,
  REQUESTED_STATES,
  TRANSITIONS,
  TransitionEventType,
  UNANNOUNCED,
} from './transitions';

/** The row claim a `claim-held` transition is made under. */
export interface HeldClaim {
  owner: string;
  /** Extends the claim to this time in the same write. */
  renewUntil?: Date;
  /** Gives the claim up in the same write (the work is done). */
  release?: boolean;
}

export interface TransitionOptions {
  /** The state the caller found the grant in; the write checks it still is. */
  from: GrantState;
  actor: string;
  reason?: string;
  data?: Record<string, unknown>;
  /** Other columns the transition sets (the state comes from the table). */
  patch?: Omit<GrantPatch, 'state' | 'claimedBy' | 'claimExpiresAt'>;
  /** Required by `claim-held` transitions. */
  claim?: HeldClaim;
  now?: Date;
}

/** Fields of a patch that only the claim options may set. */
type ClaimPatch = Pick<GrantPatch, 'claimedBy' | 'claimExpiresAt'>;

/**
 * The one writer of grant state. Each change is checked against the
 * transition table and made as one conditional write with its history row
 * (and the outbox hook) in one transaction, then published on the
 * {@link GrantEventBus} once it committed. Nothing else calls the store's
 * write methods, and the plugin builds one of these, in
 * `createAwsAccessServices` (see `oneWriter.test.ts`). Row claims are
 * taken through each owner's `GrantClaims`.
 */
export class GrantLifecycle {
  private readonly store: GrantStore;
  private readonly events: GrantEventBus;

  constructor(options: { store: GrantStore; events: GrantEventBus }) {
    this.store = options.store;
    this.events = options.events;
  }

  /** Inserts a new grant with its `requested` event. */
  async request(
    grant: NewGrantRecord,
    event: Omit<NewGrantEvent, 'type' | 'toState' | 'fromState'>,
    limits?: InsertLimits,
    extra?: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<GrantRecord> {
    if (!REQUESTED_STATES.includes(grant.state)) {
      throw new Error(`a grant cannot be requested as ${grant.state}`);
    }
    const recorded: NewGrantEvent = {
      ...event,
      type: 'requested',
      toState: grant.state,
    };
    const inserted = await this.store.insertGrant(
      grant,
      recorded,
      limits,
      extra,
    );
    await this.events.publish(inserted, 'requested', recorded);
    return inserted;
  }

  /**
   * Makes the transition `type` if the grant is still in `options.from`
   * and the table's guards hold. Returns the changed grant, or undefined
   * when the grant changed meanwhile (nothing was written). Throws
   * `ConflictError` for a transition the table does not allow from there.
   */
  async transition(
    id: string,
    type: TransitionEventType,
    options: TransitionOptions,
  ): Promise<GrantRecord | undefined> {
    const now = options.now ?? new Date();
    const to = nextState(type, options.from);
    if (!to) {
      throw new ConflictError(
        `grant ${id} is ${options.from}; it cannot be ${type} from there`,
      );
    }
    const condition: GrantCondition = { states: [options.from] };
    let claimPatch: ClaimPatch = {};
    for (const guard of TRANSITIONS[type].guards) {
      if (guard === 'no-live-claim') condition.claimedBy = null;
      if (guard === 'expiry-reached') condition.expiresAtOrBefore = now;
      if (guard === 'claim-held') {
        if (!options.claim) {
          throw new Error(`${type} needs the claim on grant ${id}`);
        }
        condition.claimedBy = options.claim.owner;
        claimPatch = claimChange(options.claim);
      }
    }
    const event: NewGrantEvent = {
      type,
      fromState: options.from,
      ...(to !== options.from && { toState: to }),
      actor: options.actor,
      reason: options.reason,
      data: options.data,
    };
    const updated = await this.store.updateGrant(
      id,
      condition,
      {
        ...options.patch,
        ...claimPatch,
        ...(to !== options.from && { state: to }),
      },
      event,
      now,
    );
    if (updated && !UNANNOUNCED.has(type)) {
      await this.events.publish(updated, type, event);
    }
    return updated;
  }

  /**
   * Records an approval of a pending grant; with `complete`, the approval
   * that meets the requirement, the grant moves to `provisioning` with
   * `patch` in the same transaction.
   */
  async approve(
    id: string,
    approval: GrantApproval,
    options: {
      complete: boolean;
      patch?: Omit<GrantPatch, 'state' | 'claimedBy' | 'claimExpiresAt'>;
      reason?: string;
      data?: Record<string, unknown>;
    },
  ): Promise<GrantRecord | undefined> {
    const type = options.complete ? 'approved' : 'approval-recorded';
    const to = nextState(type, 'pending')!;
    const event: NewGrantEvent = {
      type,
      fromState: 'pending',
      ...(to !== 'pending' && { toState: to }),
      actor: approval.approver,
      reason: options.reason,
      data: options.data,
    };
    const updated = await this.store.recordApproval(
      id,
      approval,
      options.complete ? { ...options.patch, state: to } : {},
      event,
    );
    if (updated) {
      await this.events.publish(updated, type, event);
    }
    return updated;
  }

  /** Records something done beside the grant (e.g. a role put back). */
  note(
    grantId: string,
    event: Omit<NewGrantEvent, 'type' | 'toState' | 'fromState'> & {
      type: NoteEventType;
    },
  ): Promise<void> {
    return this.store.appendEvent(grantId, event);
  }

  /** Marks an active grant's requester as warned of its expiry. */
  markExpiryWarned(id: string, now: Date): Promise<GrantRecord | undefined> {
    return this.store.updateGrant(
      id,
      { states: ['active'] },
      { expiryWarnedAt: now },
      undefined,
      now,
    );
  }
}

function claimChange(claim: HeldClaim): ClaimPatch {
  if (claim.release) {
    return { claimedBy: null, claimExpiresAt: null };
  }
  return claim.renewUntil ? { claimExpiresAt: claim.renewUntil } : {};
}
