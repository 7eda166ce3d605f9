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
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { GrantRoleProvisioner } from '@backstage-aws-access/plugin-aws-access-node';
import {
  GrantRecord,
  GrantStore,
  InsertLimits,
  NewGrantRecord,
} from '../database/types';
import { Knex } from 'knex';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { GrantWorker, SYSTEM_ACTOR } from '../lifecycle/GrantWorker';

export { SYSTEM_ACTOR };

export interface GrantEngineOptions {
  store: GrantStore;
  /** The plugin's one writer of grant state. */
  lifecycle: GrantLifecycle;
  provisioner: GrantRoleProvisioner;
  logger: LoggerService;
  rolePath: string;
  /** Identifies this engine in row claims; unique per process. */
  instanceId?: string;
  /**
   * How long a claim lasts without renewal. A crashed engine's grants are
   * picked up by another (or the restarted) engine after this long. Each
   * IAM step's write renews the claim, so it only needs to outlast one step.
   */
  claimLeaseMs?: number;
  /** Failed attempts at one step before the grant fails. */
  maxAttempts?: number;
}

/**
 * The grant state machine, driven from the database rather than memory:
 * what users and the scheduler ask of a grant, made as transitions of the
 * {@link GrantLifecycle}, and the IAM work of a {@link GrantWorker}.
 *
 * While it works on a grant, an engine holds a row claim (`claimed_by`,
 * `claim_expires_at`); another engine never works on a grant with a live
 * claim, so two replicas never provision or revoke the same grant at once.
 */
export class GrantEngine {
  private readonly lifecycle: GrantLifecycle;
  private readonly store: GrantStore;
  private readonly logger: LoggerService;
  private readonly worker: GrantWorker;
  /** Grants this engine is driving now; a claim is per engine, not per call. */
  private readonly inFlight = new Map<
    string,
    Promise<GrantRecord | undefined>
  >();

  constructor(options: GrantEngineOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.lifecycle = options.lifecycle;
    this.worker = new GrantWorker({
      lifecycle: this.lifecycle,
      store: options.store,
      provisioner: options.provisioner,
      logger: options.logger,
      rolePath: options.rolePath,
      owner: options.instanceId ?? `engine-${randomUUID()}`,
      claimLeaseMs: options.claimLeaseMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 5,
    });
  }

  /**
   * Takes a `provisioning` or `revoking` grant as far as it can go: to
   * `active` or a terminal state, or to a recorded failed attempt that a later
   * sweep retries. Returns the grant as it then is. Does nothing when another
   * engine holds the grant. `held`: the grant {@link GrantEngine.request}
   * inserted, already claimed by this engine.
   */
  drive(id: string, held?: GrantRecord): Promise<GrantRecord | undefined> {
    const running = this.inFlight.get(id);
    if (running) {
      return running;
    }
    const work = this.worker
      .run(id, held)
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  /**
   * Inserts a new grant with its `requested` event (see
   * {@link GrantLifecycle.request}). One that needs no approval is claimed
   * by this engine in the same insert, so that driving it next takes no
   * claim of its own; after a crash the claim lapses and a sweep resumes it.
   */
  request(
    grant: NewGrantRecord,
    event: Parameters<GrantLifecycle['request']>[1],
    limits?: InsertLimits,
    extra?: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<GrantRecord> {
    const claim =
      grant.state === 'provisioning' ? this.worker.claimAtInsert() : {};
    return this.lifecycle.request({ ...grant, ...claim }, event, limits, extra);
  }

  /**
   * Resumes grants left mid-step (by a crash, a restart, or a failed attempt)
   * whose claim has lapsed. Rows other replicas are claiming are skipped.
   */
  async resumeAll(limit = 100): Promise<number> {
    const ids = await this.worker.claimLapsed(limit);
    for (const id of ids) {
      try {
        await this.drive(id);
      } catch (error) {
        this.logger.error(`Could not resume grant ${id}`, error as Error);
      }
    }
    return ids.length;
  }

  /**
   * Cancels a pending request by `actor`. A grant in any other state is
   * returned as it is: cancelling twice is harmless, and one approved
   * meanwhile is the caller's to revoke.
   */
  async cancel(
    id: string,
    actor: string,
    reason?: string,
  ): Promise<GrantRecord> {
    const grant = await this.mustGet(id);
    if (grant.state !== 'pending') {
      return grant;
    }
    return this.changedOrConflict(
      id,
      await this.endPending(id, 'cancelled', { actor, reason }),
    );
  }

  /**
   * Starts revocation by `actor`: an active or provisioning grant moves to
   * `revoking`. Any other grant is returned as it is (a pending one is
   * cancelled with {@link GrantEngine.cancel}), so revoking twice is harmless.
   *
   * With `endsAs: 'failed'` (the reconciler, when a role was tampered with
   * outside Backstage), the grant ends `failed` with `reason` as its cause,
   * so the requester sees that the grant was cut short and why.
   */
  async revoke(
    id: string,
    actor: string,
    reason?: string,
    options: { endsAs?: 'revoked' | 'failed' } = {},
  ): Promise<GrantRecord> {
    const endsAs = options.endsAs ?? 'revoked';
    const grant = await this.mustGet(id);
    if (grant.state !== 'active' && grant.state !== 'provisioning') {
      return grant;
    }
    // Only while no engine is working on it: a role being created (or an
    // expiry being rewritten) right now finishes first.
    const updated = await this.lifecycle.transition(id, 'revoke-requested', {
      from: grant.state,
      patch: {
        endsAs,
        attempts: 0,
        ...(endsAs === 'failed' && reason ? { lastError: reason } : {}),
      },
      actor,
      reason,
    });
    if (updated) {
      return updated;
    }
    const current = await this.mustGet(id);
    if (current.state === grant.state) {
      throw new ConflictError(
        `grant ${id} is being changed right now; try again in a few seconds`,
      );
    }
    return current;
  }

  /**
   * Ends a pending grant as `rejected`, by an approver or (actor `system`)
   * because nobody decided in time. Returns undefined when the grant is no
   * longer pending, e.g. because it was approved or cancelled meanwhile.
   */
  reject(
    id: string,
    actor: string,
    reason?: string,
    data?: Record<string, unknown>,
  ): Promise<GrantRecord | undefined> {
    return this.endPending(id, 'rejected', { actor, reason, data });
  }

  /** Ends a grant still pending; undefined once it no longer is. */
  private endPending(
    id: string,
    state: 'cancelled' | 'rejected',
    event: { actor: string; reason?: string; data?: Record<string, unknown> },
  ): Promise<GrantRecord | undefined> {
    const now = new Date();
    return this.lifecycle.transition(id, state, {
      from: 'pending',
      patch: { endedAt: now },
      ...event,
      now,
    });
  }

  /**
   * Starts revocation of an active grant whose time is up. Returns false when
   * the grant is not (or no longer) due, e.g. because it was extended.
   */
  async expire(id: string, now = new Date()): Promise<boolean> {
    const updated = await this.lifecycle.transition(id, 'expiring', {
      from: 'active',
      patch: { endsAs: 'expired', attempts: 0 },
      actor: SYSTEM_ACTOR,
      reason: 'the grant reached its expiry',
      now,
    });
    if (!updated) {
      return false;
    }
    await this.drive(id);
    return true;
  }

  /**
   * Moves an active grant's expiry to `expiresAt`: both IAM policies are
   * rewritten first, then the new expiry is recorded, so that the old expiry
   * can never cut the extended grant short in AWS.
   */
  async extend(
    id: string,
    options: { expiresAt: Date; actor: string; reason?: string },
  ): Promise<GrantRecord> {
    const grant = await this.mustGet(id);
    if (grant.state !== 'active') {
      throw new ConflictError(
        `only an active grant can be extended; grant ${id} is ${grant.state}`,
      );
    }
    if (grant.expiresAt && options.expiresAt <= grant.expiresAt) {
      throw new InputError(
        `durationMinutes: the extended grant must end after its current expiry (${grant.expiresAt.toISOString()})`,
      );
    }
    return this.changedOrConflict(id, await this.worker.extend(id, options));
  }

  private changedOrConflict(
    id: string,
    updated: GrantRecord | undefined,
  ): GrantRecord {
    if (!updated) {
      throw new ConflictError(
        `grant ${id} changed meanwhile; reload and try again`,
      );
    }
    return updated;
  }

  private async mustGet(id: string): Promise<GrantRecord> {
    const grant = await this.store.getGrant(id);
    if (!grant) {
      throw new NotFoundError(`no grant with id ${id}`);
    }
    return grant;
  }
}
