import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { GrantState } from 'backstage-plugin-aws-access-common';
import { GrantRecord, GrantStore } from '../database/types';
import { GrantAuditor } from '../notifications/GrantAuditor';
import { GRANT_POLICY_NAME } from '../provisioning/naming';
import { renderGrantPolicies } from '../provisioning/policies';
import {
  describeRoleDrift,
  findRoleDrift,
  RoleDrift,
} from '../provisioning/roleDrift';
import {
  GrantProvisioner,
  GrantRoleState,
  ManagedRole,
} from '../provisioning/types';
import { SYSTEM_ACTOR } from './GrantEngine';
import { grantRoleSpec } from './grantRoleSpec';

/** Grant states whose role is meant to exist (or is being removed by the engine). */
const ROLE_STATES: GrantState[] = ['provisioning', 'active', 'revoking'];

/** Who repairs drift, in the grant's history and the audit trail. */
export const RECONCILER_ACTOR = 'service:aws-access';

export interface ReconcileResult {
  removed: Array<{ roleArn: string; why: string }>;
  /** Roles of active grants that had been changed by hand, and were put back. */
  repaired: Array<{ grantId: string; roleArn: string; drift: RoleDrift }>;
  /** Roles under the path without our tag, left alone. */
  foreign: string[];
  failedAccounts: string[];
  /** Roles whose drift could not be checked or repaired; the next pass retries. */
  failedRoles: string[];
}

export interface ReconcilerOptions {
  store: GrantStore;
  provisioner: GrantProvisioner;
  accountIds: () => string[];
  logger: LoggerService;
  /** Records removals and repairs in the audit trail, when given. */
  auditor?: GrantAuditor;
  /**
   * How long the reconciler holds a grant while it checks and repairs its
   * role. The claim keeps an extension (which rewrites both policies) from
   * running at the same time, so a repair never puts back an older expiry.
   */
  claimLeaseMs?: number;
}

/**
 * Guarantees nothing outlives its grant, and no grant role gives more than
 * its grant: lists the roles under the managed path in every account,
 * removes each one that carries our grant tag but whose grant is over,
 * failed or unknown, and puts back the role of an active grant that was
 * changed by hand (drift). Roles without the tag are not ours and are never
 * touched.
 */
export class Reconciler {
  private readonly owner = `reconciler-${randomUUID()}`;
  private readonly claimLeaseMs: number;

  constructor(private readonly options: ReconcilerOptions) {
    this.claimLeaseMs = options.claimLeaseMs ?? 60_000;
  }

  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = {
      removed: [],
      repaired: [],
      foreign: [],
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
    for (const role of await provisioner.listManagedRoles(accountId)) {
      if (!role.grantId) {
        result.foreign.push(role.roleArn);
        logger.info(
          `Leaving ${role.roleArn} alone: it has no grant tag, so it is not ours`,
        );
        continue;
      }
      const grant = await store.getGrant(role.grantId);
      const why = this.orphanReason(role, grant);
      if (why) {
        await this.removeOrphan(role, grant, why);
        result.removed.push({ roleArn: role.roleArn, why });
      } else if (grant?.state === 'active') {
        try {
          const drift = await this.repairDrift(role, grant);
          if (drift) {
            result.repaired.push({
              grantId: grant.id,
              roleArn: role.roleArn,
              drift,
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
    }
  }

  private async removeOrphan(
    role: ManagedRole,
    grant: GrantRecord | undefined,
    why: string,
  ) {
    const { provisioner, store, logger, auditor } = this.options;
    await provisioner.deleteRolePolicy(
      role.accountId,
      role.roleName,
      grant?.policyName ?? GRANT_POLICY_NAME,
    );
    await provisioner.deleteRole(role.accountId, role.roleName);
    if (grant) {
      await store.appendEvent(grant.id, {
        type: 'orphan-removed',
        actor: SYSTEM_ACTOR,
        reason: why,
        data: { roleArn: role.roleArn },
      });
    }
    await auditor?.succeeded('reconciler-removal', {
      subject: { roleArn: role.roleArn, grantId: role.grantId },
      actor: RECONCILER_ACTOR,
      meta: { why },
    });
    logger.warn(`Removed orphaned role ${role.roleArn}: ${why}`);
  }

  /**
   * Compares the role of an active grant with what the grant renders now
   * and, where someone changed it by hand, puts it back: rewrites the
   * grant's policies and removes any policy added beside them. Returns the
   * drift it repaired, or undefined when there was none (or the grant is
   * being changed by the engine right now; the next pass checks it).
   */
  private async repairDrift(
    role: ManagedRole,
    active: GrantRecord,
  ): Promise<RoleDrift | undefined> {
    const { provisioner, store, logger, auditor } = this.options;
    const now = new Date();
    const grant = await store.claimGrant(active.id, {
      owner: this.owner,
      until: new Date(now.getTime() + this.claimLeaseMs),
      now,
      states: ['active'],
    });
    if (!grant) {
      logger.info(
        `Not checking ${role.roleArn} now: grant ${active.id} is being changed`,
      );
      return undefined;
    }
    try {
      // From the claimed row: an extension finished meanwhile is included.
      const spec = grantRoleSpec(grant, role.path);
      const expected = renderGrantPolicies(spec);
      const state = await provisioner.getRoleState(
        role.accountId,
        role.roleName,
        grant.policyName,
      );
      const drift = state && findRoleDrift(expected, state);
      if (!state || !drift) {
        return undefined;
      }

      // Excess rights first, so live sessions lose them soonest; the trust
      // policy last, which only matters to new sessions.
      for (const policyName of drift.extraInlinePolicies) {
        await provisioner.deleteRolePolicy(
          role.accountId,
          role.roleName,
          policyName,
        );
      }
      for (const policyArn of drift.attachedPolicyArns) {
        await provisioner.detachRolePolicy(
          role.accountId,
          role.roleName,
          policyArn,
        );
      }
      if (drift.permissionPolicy) {
        await provisioner.putRolePolicy(spec);
      }
      if (drift.trustPolicy) {
        await provisioner.putTrustPolicy(spec);
      }

      const reason = `changed by hand: ${describeRoleDrift(drift)}`;
      await store.appendEvent(grant.id, {
        type: 'drift-repaired',
        actor: RECONCILER_ACTOR,
        reason,
        data: {
          roleArn: role.roleArn,
          ...drift,
          ...foundDocuments(drift, state),
        },
      });
      await auditor?.succeeded('reconciler-drift-repair', {
        subject: {
          grantId: grant.id,
          requester: grant.requester,
          resourceArn: grant.resourceArn,
          accountId: grant.accountId,
          roleArn: role.roleArn,
        },
        actor: RECONCILER_ACTOR,
        meta: {
          reason,
          permissionPolicy: drift.permissionPolicy ?? null,
          trustPolicy: drift.trustPolicy ?? null,
          extraInlinePolicies: drift.extraInlinePolicies,
          attachedPolicyArns: drift.attachedPolicyArns,
        },
      });
      logger.warn(`Repaired ${role.roleArn} of grant ${grant.id}, ${reason}`);
      return drift;
    } finally {
      await store.releaseClaim(grant.id, this.owner);
    }
  }

  private orphanReason(
    role: ManagedRole,
    grant: GrantRecord | undefined,
  ): string | undefined {
    if (!grant) {
      return `its grant ${role.grantId} is unknown`;
    }
    if (
      grant.accountId !== role.accountId ||
      grant.roleName !== role.roleName
    ) {
      return `grant ${grant.id} owns role ${grant.roleName} in ${grant.accountId}, not this one`;
    }
    if (!ROLE_STATES.includes(grant.state)) {
      return `its grant ${grant.id} is ${grant.state}`;
    }
    return undefined;
  }
}

/**
 * The edited documents as found, for the grant's history: what the role
 * allowed, or who could assume it, before the repair.
 */
function foundDocuments(drift: RoleDrift, state: GrantRoleState) {
  const parse = (document: string): unknown => {
    try {
      return JSON.parse(document);
    } catch {
      return document;
    }
  };
  return {
    ...(drift.permissionPolicy === 'changed' && state.permissionPolicy
      ? { foundPermissionPolicy: parse(state.permissionPolicy) }
      : {}),
    ...(drift.trustPolicy
      ? { foundTrustPolicy: parse(state.trustPolicy) }
      : {}),
  };
}
