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
import {
  ConflictError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRoleProvisioner } from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord, GrantStore } from '../database/types';
import { GrantClaims } from './GrantClaims';
import { grantRoleSpec } from '../engine/grantRoleSpec';
import { GrantLifecycle, TransitionOptions } from './GrantLifecycle';
import { TransitionEventType } from './transitions';

/** The actor recorded for steps the engine takes on its own. */
export const SYSTEM_ACTOR = 'system';

/** States in which the engine is changing IAM and holds a claim while it does. */
export const WORKING_STATES: GrantState[] = ['provisioning', 'revoking'];

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

export interface GrantWorkerOptions {
  lifecycle: GrantLifecycle;
  store: Pick<
    GrantStore,
    'getGrant' | 'claimGrant' | 'claimGrants' | 'releaseClaim'
  >;
  provisioner: GrantRoleProvisioner;
  logger: LoggerService;
  rolePath: string;
  /** The claim owner: this engine; unique per process. */
  owner: string;
  claimLeaseMs: number;
  maxAttempts: number;
}

/**
 * Takes one claimed grant through its IAM steps.
 *
 * `provisioning`: CreateRole, then PutRolePolicy, then `active`.
 * `revoking`: DeleteRolePolicy, then DeleteRole, then `revoked`, `expired` or
 * `failed` (the grant's `endsAs`).
 *
 * Every step is idempotent, and every write after one is a conditional
 * transition under the claim that also extends the claim (or, at the end,
 * gives it up): the lease only has to outlast one IAM call, and no write of
 * its own keeps it alive. A crash at any point leaves the grant in its
 * state with a claim that lapses, and any engine resumes it from there.
 *
 * The worker owns the engine's claims: nothing else takes or gives up a
 * claim in the engine's name.
 */
export class GrantWorker {
  private readonly claims: GrantClaims;

  constructor(private readonly options: GrantWorkerOptions) {
    this.claims = new GrantClaims(
      options.store,
      options.owner,
      options.claimLeaseMs,
    );
  }

  /**
   * The claim columns for a grant inserted ready to provision: driving it
   * next takes no claim of its own, and after a crash the claim lapses and
   * a sweep resumes it.
   */
  claimAtInsert(): { claimedBy: string; claimExpiresAt: Date } {
    return this.claims.atInsert();
  }

  /**
   * Claims up to `limit` grants left mid-step (by a crash, a restart, or a
   * failed attempt) whose claim has lapsed, for {@link GrantWorker.run}.
   * Rows other replicas are claiming are skipped. The ids claimed.
   */
  claimLapsed(limit: number): Promise<string[]> {
    return this.claims.takeLapsed(WORKING_STATES, limit);
  }

  /**
   * Claims the grant and takes it as far as it can go: to `active` or a
   * terminal state, or to a recorded failed attempt that a later sweep
   * retries. Returns the grant as it then is; does nothing while another
   * engine holds it. `held`: the grant as inserted with this engine's claim.
   */
  async run(id: string, held?: GrantRecord): Promise<GrantRecord | undefined> {
    const { store } = this.options;
    const { claims } = this;
    // A grant inserted with this engine's claim needs no claim of its own.
    let grant =
      held?.id === id && claims.holds(held)
        ? held
        : await claims.take(id, WORKING_STATES);
    if (!grant) {
      return store.getGrant(id);
    }
    try {
      // Each step's write renews the claim, or gives it up when it ends.
      while (
        WORKING_STATES.includes(grant.state) &&
        grant.claimedBy === claims.owner
      ) {
        const next: GrantRecord | undefined =
          grant.state === 'provisioning'
            ? await this.provision(grant)
            : await this.deprovision(grant);
        if (!next) {
          await claims.release(id);
          return store.getGrant(id);
        }
        grant = next;
      }
      return grant;
    } catch (error) {
      await claims.release(id);
      throw error;
    }
  }

  /**
   * Rewrites both IAM policies of an active grant for its new expiry under
   * the claim, then records the expiry and gives the claim up in one write.
   * Undefined when the grant changed meanwhile.
   */
  async extend(
    id: string,
    options: { expiresAt: Date; actor: string; reason?: string },
  ): Promise<GrantRecord | undefined> {
    const { lifecycle, provisioner, rolePath } = this.options;
    const { claims } = this;
    const claimed = await claims.take(id, ['active']);
    if (!claimed) {
      throw new ConflictError(
        `grant ${id} is being changed right now; try again in a few seconds`,
      );
    }
    try {
      await provisioner.updateExpiry(
        grantRoleSpec({ ...claimed, expiresAt: options.expiresAt }, rolePath),
      );
    } catch (error) {
      await lifecycle.transition(id, 'extend-failed', {
        from: 'active',
        patch: { lastError: stringifyError(error) },
        actor: options.actor,
        reason: stringifyError(error),
      });
      await claims.release(id);
      throw new ServiceUnavailableError(
        `could not extend grant ${id} in AWS; it keeps its current expiry`,
        error,
      );
    }
    const updated = await lifecycle.transition(id, 'extended', {
      from: 'active',
      patch: { expiresAt: options.expiresAt, lastError: null },
      claim: claims.held({ release: true }),
      actor: options.actor,
      reason: options.reason,
      data: {
        previousExpiresAt: claimed.expiresAt?.toISOString(),
        expiresAt: options.expiresAt.toISOString(),
      },
    });
    if (!updated) {
      await claims.release(id);
    }
    return updated;
  }

  private async provision(grant: GrantRecord) {
    const { provisioner, rolePath } = this.options;
    const spec = grantRoleSpec(grant, rolePath);
    let current = grant;
    try {
      // A crash after CreateRole but before this record leaves roleArn unset;
      // CreateRole then runs again and finds the grant's own role.
      if (!current.roleArn) {
        const { roleArn } = await provisioner.createRole(spec);
        const updated = await this.step(current, 'role-created', {
          patch: { roleArn },
          data: { roleArn },
        });
        if (!updated) return undefined;
        current = updated;
      }
      await provisioner.putRolePolicy(spec);
    } catch (error) {
      return this.stepFailed(current, error);
    }
    return this.step(current, 'activated', {
      patch: { activatedAt: new Date(), attempts: 0, lastError: null },
      release: true,
    });
  }

  private async deprovision(grant: GrantRecord) {
    const { provisioner } = this.options;
    try {
      // Policy first: live sessions lose their rights at once.
      await provisioner.deleteRolePolicy(
        grant.accountId,
        grant.roleName,
        grant.policyName,
      );
      if (!(await this.step(grant, 'policy-deleted', {}))) return undefined;
      await provisioner.deleteRole(grant.accountId, grant.roleName);
    } catch (error) {
      return this.stepFailed(grant, error);
    }
    const endState = (grant.endsAs ?? 'revoked') as
      | 'revoked'
      | 'expired'
      | 'failed';
    return this.step(grant, endState, {
      patch: {
        endedAt: new Date(),
        endsAs: null,
        attempts: 0,
        // A failed grant keeps the cause of its failure.
        lastError: endState === 'failed' ? grant.lastError : null,
      },
      release: true,
    });
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
    const giveUp =
      attempts >= this.options.maxAttempts || PERMANENT_ERRORS.has(name);
    this.options.logger.warn(
      `Grant ${grant.id}: ${grant.state} attempt ${attempts} failed${
        giveUp ? ', giving up' : ''
      }: ${message}`,
    );
    if (!giveUp) {
      return this.step(grant, 'step-failed', {
        patch: { attempts, lastError: message },
        reason: message,
        data: { attempts },
        release: true,
      });
    }
    if (grant.state === 'provisioning') {
      return this.step(grant, 'provisioning-failed', {
        patch: { endsAs: 'failed', attempts: 0, lastError: message },
        reason: message,
      });
    }
    return this.step(grant, 'failed', {
      patch: {
        endedAt: new Date(),
        endsAs: null,
        attempts,
        lastError: message,
      },
      reason: message,
      release: true,
    });
  }

  /** A transition of a grant this engine holds; undefined if it lost it. */
  private async step(
    grant: GrantRecord,
    type: TransitionEventType,
    options: Pick<TransitionOptions, 'patch' | 'reason' | 'data'> & {
      release?: boolean;
    },
  ) {
    const { lifecycle, logger } = this.options;
    const updated = await lifecycle.transition(grant.id, type, {
      from: grant.state,
      actor: SYSTEM_ACTOR,
      reason: options.reason,
      data: options.data,
      patch: options.patch,
      claim: this.claims.held({ release: options.release }),
    });
    if (!updated) {
      logger.warn(`Grant ${grant.id} changed under this engine; stopping`);
    }
    return updated;
  }
}
