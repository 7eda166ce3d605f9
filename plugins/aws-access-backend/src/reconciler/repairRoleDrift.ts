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
  GrantRoleRepairs,
  GrantRoleState,
  ManagedRole,
  ManagedRoleInventory,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord } from '../database/types';
import { GrantClaims } from '../lifecycle/GrantClaims';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { GrantAuditor } from '../audit/GrantAuditor';
import { renderGrantPolicies } from '../provisioning/policies';
import {
  describeRoleDrift,
  findRoleDrift,
  RoleDrift,
} from '../provisioning/roleDrift';
import { grantRoleSpec } from '../engine/grantRoleSpec';
import { RECONCILER_ACTOR } from './reconcilerActor';

/** What a drift repair works with: the reconciler's services and its claim. */
export interface RepairOptions {
  /** Reads the role back under the claim, then puts it back. */
  provisioner: Pick<ManagedRoleInventory, 'getRoleState'> & GrantRoleRepairs;
  /** Records the repair. */
  lifecycle: GrantLifecycle;
  /** The reconciler's claims: the grant is held while its role is checked. */
  claims: GrantClaims;
  logger: LoggerService;
  auditor?: GrantAuditor;
}

/** What to do about a drifted role: it was put back, or its grant must go. */
export interface RepairOutcome {
  repaired?: RoleDrift;
  revoke?: string;
}

/**
 * Compares the role of an active grant with what the grant renders now
 * and, where someone changed it by hand, puts it back: rewrites the
 * grant's policies and removes any policy added beside them. Returns the
 * drift it repaired; or the reason to revoke the grant instead, when its
 * permissions boundary is missing or another; or undefined when there was
 * no drift (or the grant is being changed by the engine right now; the
 * next pass checks it).
 */
export async function repairRoleDrift(
  options: RepairOptions,
  role: ManagedRole,
  active: GrantRecord,
): Promise<RepairOutcome | undefined> {
  const held = await options.claims.hold(active.id, ['active'], grant =>
    repairHeld(options, role, grant),
  );
  if (!held) {
    options.logger.info(
      `Not checking ${role.roleArn} now: grant ${active.id} is being changed`,
    );
    return undefined;
  }
  return held.result;
}

/** {@link repairRoleDrift} of the grant as claimed by the reconciler. */
async function repairHeld(
  options: RepairOptions,
  role: ManagedRole,
  grant: GrantRecord,
): Promise<RepairOutcome | undefined> {
  const { provisioner, lifecycle, logger, auditor } = options;
  // From the claimed row: an extension finished meanwhile is included.
  const spec = grantRoleSpec(grant, role.path);
  const expected = renderGrantPolicies(spec);
  const state = await provisioner.getRoleState(
    role.accountId,
    role.roleName,
    grant.policyName,
  );
  if (state && state.permissionsBoundaryArn !== spec.permissionsBoundaryArn) {
    // Revoked, not put back: the manager may not set boundaries (or it
    // could lift them too), and whoever removed the boundary has admin
    // rights in the account; a grant that lost its cap, even for a
    // moment, is a grant nobody can vouch for any more.
    return { revoke: boundaryDrift(role, state) };
  }
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
  await lifecycle.note(grant.id, {
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
  return { repaired: drift };
}

/** Why a grant role's permissions boundary is not the grant boundary, in words. */
function boundaryDrift(role: ManagedRole, state: GrantRoleState): string {
  if (state.permissionsBoundaryArn) {
    return `permissions boundary replaced outside Backstage (by ${state.permissionsBoundaryArn})`;
  }
  // Roles made since the boundary exists also carry the installation tag;
  // one with neither was made before, and never had a cap.
  return role.installationId
    ? 'permissions boundary removed outside Backstage'
    : 'the role has no permissions boundary: it predates the grant boundary (onboarding template version 2)';
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
