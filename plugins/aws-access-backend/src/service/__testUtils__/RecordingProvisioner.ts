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
import { NewGrantRecord } from '../../database/types';
import { GRANT_POLICY_NAME, grantRoleName } from '../../provisioning/naming';
import { renderGrantPolicies } from '../../provisioning/policies';
import { DEFAULT_INSTALLATION_ID } from '../../provisioning/roleAttributes';
import {
  GrantProvisioner,
  GrantRoleSpec,
  GrantRoleState,
  ManagedRole,
} from '@backstage-aws-access/plugin-aws-access-node';

/** Test-only helpers for the engine. */

type Method = Exclude<keyof GrantProvisioner, 'listManagedRoles'>;

interface FakeRole {
  accountId: string;
  roleName: string;
  roleArn: string;
  path: string;
  grantId?: string;
  installationId?: string;
  permissionsBoundaryArn?: string;
  trustPolicy: string;
  /** Inline policy documents by name. */
  policies: Map<string, string>;
  /** ARNs of attached managed policies. */
  attachedPolicyArns: Set<string>;
  expiresAt?: Date;
}

function iamError(name: string, message: string) {
  return Object.assign(new Error(message), { name });
}

/**
 * An in-memory IAM that records every call and can be told to fail or to
 * hang at a given step, to simulate errors and crashes between two IAM
 * writes. It keeps the provisioner's rules that matter to the engine: a
 * policy needs its role, deleting a role removes whatever is attached to
 * it, and creating the grant's own role again is idempotent. It stores the documents the real
 * provisioner would send, so a test can edit them "by hand" (through
 * `roles`) and see the reconciler find the drift. It is the whole
 * `GrantProvisioner`, not one of its parts, because it stands in for IAM:
 * the engine and the reconciler of a test must see the same roles.
 */
export class RecordingProvisioner implements GrantProvisioner {
  readonly calls: Array<{ method: Method; roleName: string }> = [];
  readonly roles = new Map<string, FakeRole>();
  private readonly faults: Array<{ method: Method; fault: 'hang' | Error }> =
    [];
  /** Milliseconds each call takes, to widen race windows. */
  latencyMs = 0;
  /** Tagged on the roles it creates, like `IamGrantProvisioner`'s option. */
  installationId = DEFAULT_INSTALLATION_ID;

  /** The next call of `method` never returns, like a process that died in it. */
  hangOn(method: Method) {
    this.faults.push({ method, fault: 'hang' });
  }

  /** The next call of `method` fails with `error`. */
  failOn(method: Method, error: Error) {
    this.faults.push({ method, fault: error });
  }

  /** Adds a role by hand, e.g. one that is not ours. */
  addRole(
    role: Omit<FakeRole, 'policies' | 'trustPolicy' | 'attachedPolicyArns'>,
    policyNames: string[] = [],
  ) {
    this.roles.set(this.key(role.accountId, role.roleName), {
      ...role,
      trustPolicy: '{}',
      policies: new Map(policyNames.map(p => [p, '{}'])),
      attachedPolicyArns: new Set(),
    });
  }

  /** The role as stored, for a test to inspect or to edit by hand. */
  role(accountId: string, roleName: string): FakeRole {
    return this.mustGet(accountId, roleName);
  }

  callsOf(method: Method, roleName?: string) {
    return this.calls.filter(
      c => c.method === method && (!roleName || c.roleName === roleName),
    ).length;
  }

  async createRole(spec: GrantRoleSpec) {
    await this.enter('createRole', spec.roleName);
    const key = this.key(spec.accountId, spec.roleName);
    const existing = this.roles.get(key);
    if (existing && existing.grantId !== spec.grantId) {
      throw iamError('EntityAlreadyExists', `role ${spec.roleName} exists`);
    }
    const roleArn = `arn:aws:iam::${spec.accountId}:role${spec.rolePath}${spec.roleName}`;
    if (!existing) {
      this.roles.set(key, {
        accountId: spec.accountId,
        roleName: spec.roleName,
        roleArn,
        path: spec.rolePath,
        grantId: spec.grantId,
        installationId: this.installationId,
        permissionsBoundaryArn: spec.permissionsBoundaryArn,
        trustPolicy: renderGrantPolicies(spec).trustPolicy,
        policies: new Map(),
        attachedPolicyArns: new Set(),
        expiresAt: spec.expiresAt,
      });
    }
    return { roleArn };
  }

  async putRolePolicy(spec: GrantRoleSpec) {
    await this.enter('putRolePolicy', spec.roleName);
    const role = this.mustGet(spec.accountId, spec.roleName);
    role.policies.set(
      spec.policyName,
      renderGrantPolicies(spec).permissionPolicy,
    );
  }

  async updateExpiry(spec: GrantRoleSpec) {
    await this.enter('updateExpiry', spec.roleName);
    const role = this.mustGet(spec.accountId, spec.roleName);
    const { trustPolicy, permissionPolicy } = renderGrantPolicies(spec);
    role.expiresAt = spec.expiresAt;
    role.trustPolicy = trustPolicy;
    role.policies.set(spec.policyName, permissionPolicy);
  }

  async putTrustPolicy(spec: GrantRoleSpec) {
    await this.enter('putTrustPolicy', spec.roleName);
    const role = this.mustGet(spec.accountId, spec.roleName);
    role.trustPolicy = renderGrantPolicies(spec).trustPolicy;
  }

  async detachRolePolicy(
    accountId: string,
    roleName: string,
    policyArn: string,
  ) {
    await this.enter('detachRolePolicy', roleName);
    this.roles
      .get(this.key(accountId, roleName))
      ?.attachedPolicyArns.delete(policyArn);
  }

  async deleteRolePolicy(
    accountId: string,
    roleName: string,
    policyName: string,
  ) {
    await this.enter('deleteRolePolicy', roleName);
    this.roles.get(this.key(accountId, roleName))?.policies.delete(policyName);
  }

  /** Like the real one: removes the role whatever its tags, with anything attached. */
  async deleteRole(accountId: string, roleName: string) {
    await this.enter('deleteRole', roleName);
    this.roles.delete(this.key(accountId, roleName));
  }

  async listManagedRoles(accountId: string): Promise<ManagedRole[]> {
    return [...this.roles.values()]
      .filter(r => r.accountId === accountId)
      .map(r => ({
        accountId: r.accountId,
        roleName: r.roleName,
        roleArn: r.roleArn,
        path: r.path,
        grantId: r.grantId,
        installationId: r.installationId,
      }));
  }

  async getRoleState(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<GrantRoleState | undefined> {
    await this.enter('getRoleState', roleName);
    const role = this.roles.get(this.key(accountId, roleName));
    if (!role) {
      return undefined;
    }
    return {
      trustPolicy: role.trustPolicy,
      permissionPolicy: role.policies.get(policyName),
      otherInlinePolicies: [...role.policies.keys()].filter(
        name => name !== policyName,
      ),
      attachedPolicyArns: [...role.attachedPolicyArns],
      permissionsBoundaryArn: role.permissionsBoundaryArn,
    };
  }

  private key(accountId: string, roleName: string) {
    return `${accountId}/${roleName}`;
  }

  private mustGet(accountId: string, roleName: string) {
    const role = this.roles.get(this.key(accountId, roleName));
    if (!role) throw iamError('NoSuchEntity', `no role ${roleName}`);
    return role;
  }

  private async enter(method: Method, roleName: string) {
    this.calls.push({ method, roleName });
    if (this.latencyMs) {
      await new Promise(r => setTimeout(r, this.latencyMs));
    }
    const index = this.faults.findIndex(f => f.method === method);
    if (index >= 0) {
      const [{ fault }] = this.faults.splice(index, 1);
      if (fault === 'hang') {
        await new Promise(() => {});
      }
      throw fault;
    }
  }
}

/** A grant ready to provision, as the service would store it. */
export function provisioningGrant(
  overrides: Partial<NewGrantRecord> = {},
): NewGrantRecord {
  const id = overrides.id ?? randomUUID();
  const resourceArn = overrides.resourceArn ?? `arn:aws:s3:::bucket-${id}`;
  const now = new Date();
  return {
    id,
    state: 'provisioning',
    requester: 'user:default/alice',
    resourceArn,
    resourceType: 's3:bucket',
    accountId: '123456789012',
    region: '',
    actions: ['s3:GetObject'],
    reason: 'testing',
    durationMinutes: 60,
    createdAt: now,
    approvedAt: now,
    approvedBy: 'auto',
    expiresAt: new Date(now.getTime() + 60 * 60_000),
    roleName: grantRoleName(id, 'bucket', '/backstage-access/'),
    policyName: GRANT_POLICY_NAME,
    trustPrincipalArns: ['arn:aws:iam::123456789012:user/alice'],
    statements: [
      { actions: ['s3:GetObject'], resources: [`${resourceArn}/*`] },
    ],
    ...overrides,
  };
}
