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

/**
 * One statement of a grant's permission policy, before conditions are added.
 *
 * @public
 */
export interface PermissionStatement {
  actions: string[];
  resources: string[];
}

/**
 * Everything IAM needs to know to create, update or delete one grant's role.
 *
 * @public
 */
export interface GrantRoleSpec {
  grantId: string;
  accountId: string;
  roleName: string;
  /** Inline policy name on the role. */
  policyName: string;
  rolePath: string;
  /** Requester entity ref, stored as a tag. */
  requester: string;
  /** Principals allowed to assume the role: the requester's own where known. */
  trustPrincipalArns: string[];
  statements: PermissionStatement[];
  expiresAt: Date;
  /**
   * The account's grant boundary (the onboarding stack's managed policy),
   * set as the role's permissions boundary when it is created.
   */
  permissionsBoundaryArn: string;
}

/**
 * A role found under the managed path.
 *
 * @public
 */
export interface ManagedRole {
  accountId: string;
  roleName: string;
  roleArn: string;
  path: string;
  /** From the `backstage-access:grant-id` tag; undefined if the role has none. */
  grantId?: string;
  /**
   * From the `backstage-access:installation` tag: which Backstage
   * installation created the role. Undefined on roles created before the
   * tag existed, and on roles that are not grants at all.
   */
  installationId?: string;
  createdAt?: Date;
}

/**
 * What a grant role holds in IAM right now, read back so the reconciler can
 * compare it with what the grant should have (drift).
 *
 * @public
 */
export interface GrantRoleState {
  /** The trust policy document, as JSON text (URL-decoded). */
  trustPolicy: string;
  /** The grant's inline permission policy, as JSON text; undefined when it is missing. */
  permissionPolicy?: string;
  /** Names of inline policies other than the grant's. */
  otherInlinePolicies: string[];
  /** ARNs of managed policies attached to the role. */
  attachedPolicyArns: string[];
  /** The role's permissions boundary; undefined when it has none. */
  permissionsBoundaryArn?: string;
}

/**
 * What the grant engine does to a grant's role in IAM: create it, write its
 * permission policy, extend it, and delete it when the grant ends. One
 * idempotent step per method, so that the engine can record each step and
 * resume after a crash between two of them. Every method retries
 * throttling and 5xx errors with backoff, and treats "already done"
 * (`EntityAlreadyExists` for a role of the same grant, `NoSuchEntity` on
 * delete) as success.
 *
 * @public
 */
export interface GrantRoleProvisioner {
  /**
   * `CreateRole` with path, tags, trust policy, permissions boundary and
   * `MaxSessionDuration`.
   */
  createRole(spec: GrantRoleSpec): Promise<{ roleArn: string }>;
  /** `PutRolePolicy` with the inline permission policy. */
  putRolePolicy(spec: GrantRoleSpec): Promise<void>;
  /** Extend: `UpdateAssumeRolePolicy` then `PutRolePolicy` with the new expiry. */
  updateExpiry(spec: GrantRoleSpec): Promise<void>;
  /** `DeleteRolePolicy`; live sessions lose their rights at once. */
  deleteRolePolicy(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<void>;
  /**
   * `DeleteRole` of the role by that name under the managed path, whatever
   * its tags say, after removing anything still attached to it (inline and
   * managed policies, instance profiles). A role by that name outside the
   * managed path is not the grant's and is refused.
   */
  deleteRole(accountId: string, roleName: string): Promise<void>;
}

/**
 * What the reconciler reads from IAM to compare each account with its
 * grants: the roles under the managed path, and what one of them holds.
 *
 * @public
 */
export interface ManagedRoleInventory {
  /** Every role under the role path in the account, with its grant tag. */
  listManagedRoles(accountId: string): Promise<ManagedRole[]>;
  /**
   * Reads the role's trust policy, the grant's inline policy (`policyName`)
   * and whatever else is attached to it; undefined when the role is gone.
   */
  getRoleState(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<GrantRoleState | undefined>;
}

/**
 * What the reconciler writes to IAM to put an account back as its grants
 * say: a grant role changed by hand gets its own policies again and loses
 * what was added beside them, and a role left over from an ended grant is
 * deleted. Each write is idempotent and retried as the engine's are (see
 * {@link GrantRoleProvisioner}), as a repair may be cut short and repeated
 * by the next pass.
 *
 * @public
 */
export interface GrantRoleRepairs
  extends Pick<
    GrantRoleProvisioner,
    'putRolePolicy' | 'deleteRolePolicy' | 'deleteRole'
  > {
  /** `UpdateAssumeRolePolicy` with the grant's trust policy, nothing else. */
  putTrustPolicy(spec: GrantRoleSpec): Promise<void>;
  /** `DetachRolePolicy`: removes a managed policy attached by hand. */
  detachRolePolicy(
    accountId: string,
    roleName: string,
    policyArn: string,
  ): Promise<void>;
}

/**
 * The IAM side of grants, as a module provides it through
 * `awsAccessProvisionerExtensionPoint`: the engine's steps, the
 * reconciler's reads and its repairs, in one object because they act on the
 * same roles. Each part of the plugin is handed only the part it uses.
 *
 * @public
 */
export type GrantProvisioner = GrantRoleProvisioner &
  ManagedRoleInventory &
  GrantRoleRepairs;
