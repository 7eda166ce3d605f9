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
import { stringifyError } from '@backstage/errors';
import {
  GRANT_LIMITS,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { ManagedRole } from '@backstage-aws-access/plugin-aws-access-node';
import { DEFAULT_INSTALLATION_ID } from '../provisioning/roleAttributes';
import { GrantClaims } from '../lifecycle/GrantClaims';
import { RECONCILER_ACTOR } from './reconcilerActor';
import { ReconcileResult, ReconcilerOptions } from './types';
import { repairRoleDrift } from './repairRoleDrift';
import {
  OrphanOptions,
  orphanReason,
  removeOrphan,
  ROLE_STATES,
} from './orphanRoles';

export { RECONCILER_ACTOR };
export type { ReconcileResult, ReconcilerOptions };

/**
 * Guarantees nothing outlives its grant, and no grant role gives more than
 * its grant: lists the roles under the managed path in every account and
 *
 * - treats a role as a live grant's when that grant recorded its name,
 *   whatever the role's tags say now, and puts it back when it was changed
 *   by hand (drift), or revokes the grant when the change is one the manager
 *   may not undo (a removed or replaced permissions boundary, a removed or
 *   changed grant tag);
 * - removes a role whose grant is over, failed or unknown, but only when it
 *   is this installation's: it carries this installation's id, or this
 *   installation's store knows its grant.
 *
 * Roles without a grant tag, and roles of another installation sharing the
 * account, are never touched.
 */
export class Reconciler {
  private readonly installationId: string;
  /**
   * Holds grants while checking their roles. Its own owner, not the
   * engine's: a claim one already holds is renewed, so sharing the
   * engine's would not keep a repair and an extension apart.
   */
  private readonly claims: GrantClaims;
  private readonly orphanOptions: OrphanOptions;

  constructor(private readonly options: ReconcilerOptions) {
    this.claims = new GrantClaims(
      options.store,
      `reconciler-${randomUUID()}`,
      options.claimLeaseMs ?? 60_000,
    );
    this.orphanOptions = options;
    this.installationId = options.installationId ?? DEFAULT_INSTALLATION_ID;
  }

  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = {
      removed: [],
      repaired: [],
      revoked: [],
      foreign: [],
      otherInstallations: [],
      failedAccounts: [],
      failedRoles: [],
    };
    for (const accountId of this.options.accountIds()) {
      try {
        await this.reconcileAccount(accountId, result);
      } catch (error) {
        // One unreachable account must not stop the others.
        result.failedAccounts.push(accountId);
        this.options.logger.error(
          `Could not reconcile account ${accountId}: ${stringifyError(error)}`,
        );
      }
    }
    return result;
  }

  private async reconcileAccount(accountId: string, result: ReconcileResult) {
    const { provisioner, store, logger } = this.options;
    const live = await this.grantsByRoleName(accountId, ROLE_STATES);
    // Grants that end after this were ended by their engine during the pass.
    const listedAt = new Date();
    const roles = await provisioner.listManagedRoles(accountId);
    await this.noticeDeletedRoles(live, roles, listedAt, result);
    let failed: Map<string, GrantRecord> | undefined;
    for (const role of roles) {
      const owner = live.get(role.roleName);
      if (owner) {
        // The engine is creating or removing it: nothing to check.
        if (owner.state === 'active') {
          await this.checkActiveRole(role, owner, result);
        }
        continue;
      }
      if (!role.grantId) {
        // A failed grant may leave its role behind for the reconciler; one
        // that lost its tag since is still that grant's by its name. Read
        // only when needed: untagged roles under the path are rare.
        failed ??= await this.grantsByRoleName(accountId, ['failed']);
        const ended = failed.get(role.roleName);
        if (ended?.roleArn) {
          const why = `its grant ${ended.id} is failed (and its grant tag was removed)`;
          if (
            await removeOrphan(this.orphanOptions, role, ended, why, listedAt)
          ) {
            result.removed.push({ roleArn: role.roleArn, why });
          }
          continue;
        }
        result.foreign.push(role.roleArn);
        logger.info(
          `Leaving ${role.roleArn} alone: it has no grant tag, so it is not ours`,
        );
        continue;
      }
      const grant = await store.getGrant(role.grantId);
      const recordedHere =
        grant?.accountId === role.accountId &&
        grant?.roleName === role.roleName;
      if (!recordedHere && role.installationId !== this.installationId) {
        result.otherInstallations.push(role.roleArn);
        logger.debug(
          `Leaving ${role.roleArn} alone: it belongs to ${
            role.installationId
              ? `Backstage installation ${role.installationId}`
              : 'no known installation'
          }, not to ${this.installationId}`,
        );
        continue;
      }
      const why = orphanReason(role, grant);
      if (
        why &&
        (await removeOrphan(this.orphanOptions, role, grant, why, listedAt))
      ) {
        result.removed.push({ roleArn: role.roleArn, why });
      }
    }
  }

  /**
   * Ends, `failed` with the cause, each active grant whose role is gone:
   * deleted outside Backstage, so its requester would otherwise see a grant
   * that gives nothing. Checked again in IAM first, for a role made after
   * the listing.
   */
  private async noticeDeletedRoles(
    live: Map<string, GrantRecord>,
    roles: ManagedRole[],
    listedAt: Date,
    result: ReconcileResult,
  ) {
    const listed = new Set(roles.map(r => r.roleName));
    for (const grant of live.values()) {
      if (
        grant.state !== 'active' ||
        listed.has(grant.roleName) ||
        (grant.activatedAt && grant.activatedAt >= listedAt)
      ) {
        continue;
      }
      const roleArn = grant.roleArn ?? grant.roleName;
      try {
        const state = await this.options.provisioner.getRoleState(
          grant.accountId,
          grant.roleName,
          grant.policyName,
        );
        if (state) continue;
        const why = 'the role was deleted outside Backstage';
        await this.revokeTampered(roleArn, grant, why, result);
      } catch (error) {
        result.failedRoles.push(roleArn);
        this.options.logger.error(
          `Could not check the role of grant ${grant.id}: ${stringifyError(
            error,
          )}`,
        );
      }
    }
  }

  /**
   * The account's grants in these states, by role name: a role is a grant's
   * by the name it recorded, whatever the role's tags say.
   */
  private async grantsByRoleName(
    accountId: string,
    states: GrantState[],
  ): Promise<Map<string, GrantRecord>> {
    const byName = new Map<string, GrantRecord>();
    let cursor: string | undefined;
    do {
      const page = await this.options.store.listGrants({
        accountId,
        state: states,
        limit: GRANT_LIMITS.maxListLimit,
        cursor,
      });
      for (const grant of page.items) {
        byName.set(grant.roleName, grant);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return byName;
  }

  private async checkActiveRole(
    role: ManagedRole,
    grant: GrantRecord,
    result: ReconcileResult,
  ) {
    const { logger } = this.options;
    try {
      // Only someone with admin rights outside Backstage can untag a grant
      // role (its boundary denies grant roles any tagging), and the manager
      // may only write policies on tagged roles: revoke rather than leave a
      // role Backstage can no longer keep in line.
      const tampered =
        role.grantId !== grant.id
          ? `its ${
              role.grantId ? 'grant tag was changed' : 'grant tag was removed'
            } outside Backstage`
          : undefined;
      const outcome = tampered
        ? { revoke: tampered }
        : await repairRoleDrift(
            { ...this.options, claims: this.claims },
            role,
            grant,
          );
      if (outcome?.revoke) {
        await this.revokeTampered(role.roleArn, grant, outcome.revoke, result);
      } else if (outcome?.repaired) {
        result.repaired.push({
          grantId: grant.id,
          roleArn: role.roleArn,
          drift: outcome.repaired,
        });
      }
    } catch (error) {
      // One role IAM refuses to read or repair must not stop the others.
      result.failedRoles.push(role.roleArn);
      logger.error(
        `Could not check ${role.roleArn} of grant ${
          grant.id
        } for changes made by hand: ${stringifyError(error)}`,
      );
    }
  }

  /**
   * Ends an active grant whose role was tampered with: the engine deletes
   * the role with everything attached, and the grant ends `failed` with the
   * cause, so its requester sees why it ended early. One that ended
   * meanwhile is not reported.
   */
  private async revokeTampered(
    roleArn: string,
    grant: GrantRecord,
    why: string,
    result: ReconcileResult,
  ) {
    const { engine, logger, auditor } = this.options;
    const after = await engine.revoke(grant.id, RECONCILER_ACTOR, why, {
      endsAs: 'failed',
    });
    // Ended meanwhile by its expiry or its requester, which took the role
    // with it: nothing was tampered with, and nothing is revoked here.
    if (after.state !== 'revoking' || after.endsAs !== 'failed') return;
    await engine.drive(grant.id);
    await auditor?.succeeded('reconciler-removal', {
      subject: { roleArn, grantId: grant.id },
      actor: RECONCILER_ACTOR,
      meta: { why },
    });
    logger.warn(`Revoked grant ${grant.id}: role ${roleArn}: ${why}`);
    result.revoked.push({ grantId: grant.id, roleArn, why });
  }
}
