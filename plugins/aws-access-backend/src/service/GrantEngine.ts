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
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import {
  GrantEventType,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  GrantPatch,
  GrantRecord,
  GrantStore,
  NewGrantEvent,
} from '../database/types';
import {
  GrantProvisioner,
  GrantRoleSpec,
} from '@backstage-aws-access/plugin-aws-access-node';
import { grantRoleSpec } from './grantRoleSpec';

/** The actor recorded for steps the engine takes on its own. */
export const SYSTEM_ACTOR = 'system';

/** States in which the engine is changing IAM and holds a claim while it does. */
const WORKING_STATES: GrantState[] = ['provisioning', 'revoking'];

/**
 * IAM answers that retrying cannot change: the grant fails at once instead of
 * after every attempt.
 */
const PERMANENT_ERRORS = new Set([
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'InvalidInput',
  'InvalidInputException',
  'LimitExceeded',
  'LimitExceededException',
  'PackedPolicyTooLarge',
  'ValidationError',
  'InputError',
  // The provisioner's own refusals: a same-named role that is not this
  // grant's, or an account without the grant boundary.
  'ConflictError',
]);

/** Called after every committed change, e.g. to notify or to arm an expiry timer. */
export type GrantListener = (
  grant: GrantRecord,
  type: GrantEventType,
  /** The event recorded with the change, when there was one. */
  event?: NewGrantEvent,
) => void | Promise<void>;

export interface GrantEngineOptions {
  store: GrantStore;
  provisioner: GrantProvisioner;
  logger: LoggerService;
  rolePath: string;
  /** Identifies this engine in row claims; unique per process. */
  instanceId?: string;
  /**
   * How long a claim lasts without renewal. A crashed engine's grants are
   * picked up by another (or the restarted) engine after this long. Each
   * IAM step renews the claim, so it only needs to outlast one step.
   */
  claimLeaseMs?: number;
  /** Failed attempts at one step before the grant fails. */
  maxAttempts?: number;
}

/**
 * The grant state machine, driven from the database rather than memory.
 *
 * `provisioning`: CreateRole, then PutRolePolicy, then `active`.
 * `revoking`: DeleteRolePolicy, then DeleteRole, then `revoked`, `expired` or
 * `failed` (the grant's `endsAs`).
 *
 * Every step is idempotent and every state change is a conditional write with
 * its event row, so any engine may resume any grant after a crash at any
 * point. While it works on a grant, an engine holds a row claim
 * (`claimed_by`, `claim_expires_at`); another engine never works on a grant
 * with a live claim, so two replicas never provision or revoke the same grant
 * at once.
 */
export class GrantEngine {
  private readonly store: GrantStore;
  private readonly provisioner: GrantProvisioner;
  private readonly logger: LoggerService;
  private readonly rolePath: string;
  private readonly instanceId: string;
  private readonly claimLeaseMs: number;
  private readonly maxAttempts: number;
  private readonly listeners: GrantListener[] = [];
  /** Grants this engine is driving now; a claim is per engine, not per call. */
  private readonly inFlight = new Map<
    string,
    Promise<GrantRecord | undefined>
  >();

  constructor(options: GrantEngineOptions) {
    this.store = options.store;
    this.provisioner = options.provisioner;
    this.logger = options.logger;
    this.rolePath = options.rolePath;
    this.instanceId = options.instanceId ?? `engine-${randomUUID()}`;
    this.claimLeaseMs = options.claimLeaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Registers a listener for committed changes. */
  onChange(listener: GrantListener): void {
    this.listeners.push(listener);
  }

  /** Reports a change committed outside the engine (e.g. a new grant). */
  async emit(
    grant: GrantRecord,
    type: GrantEventType,
    event?: NewGrantEvent,
  ): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(grant, type, event);
      } catch (error) {
        this.logger.warn(
          `Listener failed on ${type} of grant ${grant.id}: ${stringifyError(
            error,
          )}`,
        );
      }
    }
  }

  /**
   * Takes a `provisioning` or `revoking` grant as far as it can go: to
   * `active` or a terminal state, or to a recorded failed attempt that a later
   * sweep retries. Returns the grant as it then is. Does nothing when another
   * engine holds the grant.
   */
  drive(id: string): Promise<GrantRecord | undefined> {
    const running = this.inFlight.get(id);
    if (running) {
      return running;
    }
    const work = this.driveClaimed(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  private async driveClaimed(id: string): Promise<GrantRecord | undefined> {
    let grant = await this.claim(id);
    if (!grant) {
      return this.store.getGrant(id);
    }
    try {
      while (grant && WORKING_STATES.includes(grant.state)) {
        grant =
          grant.state === 'provisioning'
            ? await this.provision(grant)
            : await this.deprovision(grant);
      }
    } finally {
      await this.store.releaseClaim(id, this.instanceId);
    }
    return this.store.getGrant(id);
  }

  /**
   * Resumes grants left mid-step (by a crash, a restart, or a failed attempt)
   * whose claim has lapsed. Rows other replicas are claiming are skipped.
   */
  async resumeAll(limit = 100): Promise<number> {
    const now = new Date();
    const ids = await this.store.claimGrants({
      owner: this.instanceId,
      until: new Date(now.getTime() + this.claimLeaseMs),
      now,
      states: WORKING_STATES,
      limit,
    });
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
    const now = new Date();
    return this.transition(
      grant,
      { states: ['pending'] },
      { state: 'cancelled', endedAt: now },
      { type: 'cancelled', toState: 'cancelled', actor, reason },
      now,
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
    const now = new Date();
    if (grant.state === 'active' || grant.state === 'provisioning') {
      // Only while no engine is working on it: a role being created (or an
      // expiry being rewritten) right now finishes first.
      const updated = await this.store.updateGrant(
        id,
        { states: [grant.state], claimedBy: null },
        {
          state: 'revoking',
          endsAs,
          attempts: 0,
          ...(endsAs === 'failed' && reason ? { lastError: reason } : {}),
        },
        { type: 'revoke-requested', toState: 'revoking', actor, reason },
        now,
      );
      if (!updated) {
        const current = await this.mustGet(id);
        if (current.state === grant.state) {
          throw new ConflictError(
            `grant ${id} is being changed right now; try again in a few seconds`,
          );
        }
        return current;
      }
      await this.emit(updated, 'revoke-requested');
      return updated;
    }
    return grant;
  }

  /**
   * Ends a pending grant as `rejected`, by an approver or (actor `system`)
   * because nobody decided in time. Returns undefined when the grant is no
   * longer pending, e.g. because it was approved or cancelled meanwhile.
   */
  async reject(
    id: string,
    actor: string,
    reason?: string,
    data?: Record<string, unknown>,
  ): Promise<GrantRecord | undefined> {
    const now = new Date();
    const event: NewGrantEvent = {
      type: 'rejected',
      toState: 'rejected',
      actor,
      reason,
      data,
    };
    const updated = await this.store.updateGrant(
      id,
      { states: ['pending'] },
      { state: 'rejected', endedAt: now },
      event,
      now,
    );
    if (updated) {
      await this.emit(updated, event.type, event);
    }
    return updated;
  }

  /**
   * Starts revocation of an active grant whose time is up. Returns false when
   * the grant is not (or no longer) due, e.g. because it was extended.
   */
  async expire(id: string, now = new Date()): Promise<boolean> {
    const updated = await this.store.updateGrant(
      id,
      { states: ['active'], claimedBy: null, expiresAtOrBefore: now },
      { state: 'revoking', endsAs: 'expired', attempts: 0 },
      {
        type: 'expiring',
        toState: 'revoking',
        actor: SYSTEM_ACTOR,
        reason: 'the grant reached its expiry',
      },
      now,
    );
    if (!updated) {
      return false;
    }
    await this.emit(updated, 'expiring');
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
    const claimed = await this.claim(id, ['active']);
    if (!claimed) {
      throw new ConflictError(
        `grant ${id} is being changed right now; try again in a few seconds`,
      );
    }
    try {
      try {
        await this.provisioner.updateExpiry(
          this.roleSpec({ ...claimed, expiresAt: options.expiresAt }),
        );
      } catch (error) {
        await this.store.updateGrant(
          id,
          { states: ['active'] },
          { lastError: stringifyError(error) },
          {
            type: 'extend-failed',
            actor: options.actor,
            reason: stringifyError(error),
          },
        );
        throw new ServiceUnavailableError(
          `could not extend grant ${id} in AWS; it keeps its current expiry`,
          error,
        );
      }
      const updated = await this.transition(
        claimed,
        { states: ['active'], claimedBy: this.instanceId },
        { expiresAt: options.expiresAt, lastError: null },
        {
          type: 'extended',
          actor: options.actor,
          reason: options.reason,
          data: {
            previousExpiresAt: claimed.expiresAt?.toISOString(),
            expiresAt: options.expiresAt.toISOString(),
          },
        },
      );
      return updated;
    } finally {
      await this.store.releaseClaim(id, this.instanceId);
    }
  }

  private async provision(grant: GrantRecord) {
    const spec = this.roleSpec(grant);
    let current = grant;
    try {
      // A crash after CreateRole but before this record leaves roleArn unset;
      // CreateRole then runs again and finds the grant's own role.
      if (!current.roleArn) {
        if (!(await this.renew(current))) return undefined;
        const { roleArn } = await this.provisioner.createRole(spec);
        const updated = await this.store.updateGrant(
          current.id,
          { states: ['provisioning'], claimedBy: this.instanceId },
          { roleArn },
          { type: 'role-created', actor: SYSTEM_ACTOR, data: { roleArn } },
        );
        if (!updated) return undefined;
        current = updated;
      }
      if (!(await this.renew(current))) return undefined;
      await this.provisioner.putRolePolicy(spec);
    } catch (error) {
      return this.stepFailed(current, error);
    }
    return this.transitionIfStill(
      current,
      {
        state: 'active',
        activatedAt: new Date(),
        attempts: 0,
        lastError: null,
      },
      { type: 'activated', toState: 'active', actor: SYSTEM_ACTOR },
    );
  }

  private async deprovision(grant: GrantRecord) {
    try {
      if (!(await this.renew(grant))) return undefined;
      // Policy first: live sessions lose their rights at once.
      await this.provisioner.deleteRolePolicy(
        grant.accountId,
        grant.roleName,
        grant.policyName,
      );
      await this.store.appendEvent(grant.id, {
        type: 'policy-deleted',
        actor: SYSTEM_ACTOR,
      });
      if (!(await this.renew(grant))) return undefined;
      await this.provisioner.deleteRole(grant.accountId, grant.roleName);
    } catch (error) {
      return this.stepFailed(grant, error);
    }
    const endState = grant.endsAs ?? 'revoked';
    return this.transitionIfStill(
      grant,
      {
        state: endState,
        endedAt: new Date(),
        endsAs: null,
        attempts: 0,
        // A failed grant keeps the cause of its failure.
        lastError: endState === 'failed' ? grant.lastError : null,
      },
      // The end states are event types of their own.
      {
        type: endState as GrantEventType,
        toState: endState,
        actor: SYSTEM_ACTOR,
      },
    );
  }

  /**
   * Records a failed attempt. The grant stays in its state for the next sweep
   * to retry, until the attempts run out or the error is permanent: then a
   * provisioning grant is cleaned up (revoking, to end `failed`) and a
   * revoking one ends `failed` (the reconciler removes what is left).
   */
  private async stepFailed(grant: GrantRecord, error: unknown) {
    const message = stringifyError(error);
    const attempts = grant.attempts + 1;
    const name = (error as { name?: string })?.name ?? '';
    const giveUp = attempts >= this.maxAttempts || PERMANENT_ERRORS.has(name);
    this.logger.warn(
      `Grant ${grant.id}: ${grant.state} attempt ${attempts} failed${
        giveUp ? ', giving up' : ''
      }: ${message}`,
    );
    if (!giveUp) {
      await this.transitionIfStill(
        grant,
        { attempts, lastError: message },
        {
          type: 'step-failed',
          actor: SYSTEM_ACTOR,
          reason: message,
          data: { attempts },
        },
      );
      return undefined;
    }
    if (grant.state === 'provisioning') {
      return this.transitionIfStill(
        grant,
        {
          state: 'revoking',
          endsAs: 'failed',
          attempts: 0,
          lastError: message,
        },
        {
          type: 'provisioning-failed',
          toState: 'revoking',
          actor: SYSTEM_ACTOR,
          reason: message,
        },
      );
    }
    return this.transitionIfStill(
      grant,
      {
        state: 'failed',
        endedAt: new Date(),
        endsAs: null,
        attempts,
        lastError: message,
      },
      {
        type: 'failed',
        toState: 'failed',
        actor: SYSTEM_ACTOR,
        reason: message,
      },
    );
  }

  /** A change to a grant this engine holds; undefined if it lost the claim. */
  private async transitionIfStill(
    grant: GrantRecord,
    patch: GrantPatch,
    event: NewGrantEvent,
  ) {
    const updated = await this.store.updateGrant(
      grant.id,
      { states: [grant.state], claimedBy: this.instanceId },
      patch,
      event,
    );
    if (updated) {
      await this.emit(updated, event.type, event);
    } else {
      this.logger.warn(`Grant ${grant.id} changed under this engine; stopping`);
    }
    return updated;
  }

  private async transition(
    grant: GrantRecord,
    condition: Parameters<GrantStore['updateGrant']>[1],
    patch: GrantPatch,
    event: NewGrantEvent,
    now?: Date,
  ): Promise<GrantRecord> {
    const updated = await this.store.updateGrant(
      grant.id,
      condition,
      patch,
      event,
      now,
    );
    if (!updated) {
      throw new ConflictError(
        `grant ${grant.id} changed meanwhile; reload and try again`,
      );
    }
    await this.emit(updated, event.type, event);
    return updated;
  }

  private claim(id: string, states: GrantState[] = WORKING_STATES) {
    const now = new Date();
    return this.store.claimGrant(id, {
      owner: this.instanceId,
      until: new Date(now.getTime() + this.claimLeaseMs),
      now,
      states,
    });
  }

  private async renew(grant: GrantRecord): Promise<boolean> {
    const renewed = await this.claim(grant.id, [grant.state]);
    if (!renewed) {
      this.logger.warn(`Lost the claim on grant ${grant.id}; stopping`);
    }
    return !!renewed;
  }

  private async mustGet(id: string): Promise<GrantRecord> {
    const grant = await this.store.getGrant(id);
    if (!grant) {
      throw new NotFoundError(`no grant with id ${id}`);
    }
    return grant;
  }

  private roleSpec(grant: GrantRecord): GrantRoleSpec {
    return grantRoleSpec(grant, this.rolePath);
  }
}
