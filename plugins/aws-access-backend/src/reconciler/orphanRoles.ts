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
import { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import {
  GrantRoleRepairs,
  ManagedRole,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord, GrantStore } from '../database/types';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { GrantAuditor } from '../audit/GrantAuditor';
import { GRANT_POLICY_NAME } from '../provisioning/naming';
import { SYSTEM_ACTOR } from '../lifecycle/GrantWorker';
import { RECONCILER_ACTOR } from './reconcilerActor';

/** Grant states whose role is meant to exist (or is being removed by the engine). */
export const ROLE_STATES: GrantState[] = ['provisioning', 'active', 'revoking'];

/** What removing a leftover role works with. */
export interface OrphanOptions {
  provisioner: GrantRoleRepairs;
  store: GrantStore;
  lifecycle: GrantLifecycle;
  logger: LoggerService;
  auditor?: GrantAuditor;
}

const recordsRole = (grant: GrantRecord, role: ManagedRole) =>
  grant.accountId === role.accountId && grant.roleName === role.roleName;

/** Why a tagged role of this installation is left over, if it is. */
export function orphanReason(
  role: ManagedRole,
  grant: GrantRecord | undefined,
): string | undefined {
  if (!grant) {
    return `its grant ${role.grantId} is unknown`;
  }
  if (!recordsRole(grant, role)) {
    return `grant ${grant.id} owns role ${grant.roleName} in ${grant.accountId}, not this one`;
  }
  if (!ROLE_STATES.includes(grant.state)) {
    return `its grant ${grant.id} is ${grant.state}`;
  }
  return undefined;
}

/**
 * Removes a role whose grant is over, failed or unknown; false when it
 * left the role alone. The grant is read again first: one that ended
 * after the roles were listed was ended by its engine, which removed the
 * role itself, and one live again keeps its role.
 */
export async function removeOrphan(
  options: OrphanOptions,
  role: ManagedRole,
  listedGrant: GrantRecord | undefined,
  why: string,
  listedAt: Date,
): Promise<boolean> {
  const { provisioner, store, lifecycle, logger, auditor } = options;
  const grant = listedGrant && (await store.getGrant(listedGrant.id));
  if (
    grant &&
    recordsRole(grant, role) &&
    (ROLE_STATES.includes(grant.state) ||
      (grant.endedAt && grant.endedAt >= listedAt))
  ) {
    logger.info(
      `Leaving ${role.roleArn} alone: its grant ${grant.id} is ${grant.state} since this pass began`,
    );
    return false;
  }
  await provisioner.deleteRolePolicy(
    role.accountId,
    role.roleName,
    grant?.policyName ?? GRANT_POLICY_NAME,
  );
  await provisioner.deleteRole(role.accountId, role.roleName);
  if (grant) {
    await lifecycle.note(grant.id, {
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
  return true;
}
