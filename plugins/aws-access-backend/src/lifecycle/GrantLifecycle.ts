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

import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, stringifyError } from '@backstage/errors';
import {
  GrantEventType,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
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
import {
  nextState,
  NoteEventType,
  REQUESTED_STATES,
  TRANSITIONS,
  TransitionEventType,
  UNANNOUNCED,
} from './transitions';

/** Called after every committed change, e.g. to notify or to arm an expiry timer. */
export type GrantListener = (
  grant: GrantRecord,
  type: GrantEventType,
  /** The event recorded with the change, when there was one. */
  event?: NewGrantEvent,
) => void | Promise<void>;

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
 * (and the outbox hook) in one transaction; listeners hear of it after it
 * committed. Nothing else calls the store's write methods (see
 * `oneWriter.test.ts`).
 */
export class GrantLifecycle {
  private readonly listeners: GrantListener[] = [];

  constructor(
    private readonly store: GrantStore,
    private readonly logger?: LoggerService,
  ) {}

  /** Registers a listener for committed changes. */
  onChange(listener: GrantListener): void {
    this.listeners.push(listener);
  }

  /** Tells the listeners of a committed change. */
  async emit(
    grant: GrantRecord,
    type: GrantEventType,
    event?: NewGrantEvent,
  ): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(grant, type, event);
      } catch (error) {
        this.logger?.warn(
          `Listener failed on ${type} of grant ${grant.id}: ${stringifyError(
            error,
          )}`,
        );
      }
    }
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
    await this.emit(inserted, 'requested', recorded);
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
      await this.emit(updated, type, event);
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
      await this.emit(updated, type, event);
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

  /**
   * Claims the grant for `owner` for `leaseMs`, if it is in one of `states`
   * and nobody else holds a live claim (one's own is renewed).
   */
  claim(
    id: string,
    options: { owner: string; leaseMs: number; states: GrantState[] },
  ): Promise<GrantRecord | undefined> {
    const now = new Date();
    return this.store.claimGrant(id, {
      owner: options.owner,
      until: new Date(now.getTime() + options.leaseMs),
      now,
      states: options.states,
    });
  }

  /** Claims up to `limit` unclaimed grants in `states`; their ids. */
  claimMany(options: {
    owner: string;
    leaseMs: number;
    states: GrantState[];
    limit: number;
  }): Promise<string[]> {
    const now = new Date();
    return this.store.claimGrants({
      owner: options.owner,
      until: new Date(now.getTime() + options.leaseMs),
      now,
      states: options.states,
      limit: options.limit,
    });
  }

  release(id: string, owner: string): Promise<void> {
    return this.store.releaseClaim(id, owner);
  }
}

function claimChange(claim: HeldClaim): ClaimPatch {
  if (claim.release) {
    return { claimedBy: null, claimExpiresAt: null };
  }
  return claim.renewUntil ? { claimExpiresAt: claim.renewUntil } : {};
}
