import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { GrantState } from 'backstage-plugin-aws-access-common';
import { GrantStore } from '../database/types';
import { GrantProvisioner, ManagedRole } from '../provisioning/types';
import { SYSTEM_ACTOR } from './GrantEngine';
import { GRANT_POLICY_NAME } from '../provisioning/naming';

/** Grant states whose role is meant to exist (or is being removed by the engine). */
const ROLE_STATES: GrantState[] = ['provisioning', 'active', 'revoking'];

export interface ReconcileResult {
  removed: Array<{ roleArn: string; why: string }>;
  /** Roles under the path without our tag, left alone. */
  foreign: string[];
  failedAccounts: string[];
}

/**
 * Guarantees nothing outlives its grant: lists the roles under the managed
 * path in every account and removes each one that carries our grant tag but
 * whose grant is over, failed or unknown. Roles without the tag are not ours
 * and are never touched.
 */
export class Reconciler {
  constructor(
    private readonly options: {
      store: GrantStore;
      provisioner: GrantProvisioner;
      accountIds: () => string[];
      logger: LoggerService;
    },
  ) {}

  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = {
      removed: [],
      foreign: [],
      failedAccounts: [],
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
      if (!why) continue;

      await provisioner.deleteRolePolicy(
        accountId,
        role.roleName,
        grant?.policyName ?? GRANT_POLICY_NAME,
      );
      await provisioner.deleteRole(accountId, role.roleName);
      result.removed.push({ roleArn: role.roleArn, why });
      if (grant) {
        await store.appendEvent(grant.id, {
          type: 'orphan-removed',
          actor: SYSTEM_ACTOR,
          reason: why,
          data: { roleArn: role.roleArn },
        });
      }
      logger.warn(`Removed orphaned role ${role.roleArn}: ${why}`);
    }
  }

  private orphanReason(
    role: ManagedRole,
    grant: Awaited<ReturnType<GrantStore['getGrant']>>,
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
