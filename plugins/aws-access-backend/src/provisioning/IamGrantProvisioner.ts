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

import {
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  IAMClient,
  TagRoleCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  DEFAULT_ROLE_PATH,
  TAG_EXPIRES_AT,
  TAG_GRANT_ID,
} from '@backstage-aws-access/plugin-aws-access-common';
import { AwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import { IamClients } from './IamClients';
import {
  deleteGrantRole,
  deleteInlinePolicy,
  detachManagedPolicy,
} from './iamRoleCleanup';
import { isNoSuchEntity, messageOf, refusedPolicy } from './iamErrors';
import { policyField, writeGrantPolicy } from './iamPolicyWrites';
import { listManagedRoles, readRoleState } from './iamRoleReads';
import { renderGrantPolicies } from './policies';
import {
  DEFAULT_INSTALLATION_ID,
  grantTags,
  maxSessionDurationSeconds,
  roleDescription,
  tagValue,
} from './roleAttributes';
import {
  GrantProvisioner,
  GrantRoleSpec,
  GrantRoleState,
  ManagedRole,
} from '@backstage-aws-access/plugin-aws-access-node';

export interface IamGrantProvisionerOptions {
  clientFactory: AwsClientFactory;
  logger: LoggerService;
  /** The IAM path {@link IamGrantProvisioner.listManagedRoles} looks under. */
  rolePath?: string;
  /**
   * This Backstage installation (`awsAccess.installationId`), tagged on
   * every role it creates so that the reconciler of another installation
   * sharing the account leaves them alone.
   */
  installationId?: string;
}

/**
 * The default provisioner: one IAM role per grant in the target account,
 * through the account's manager credentials. It is the engine's
 * provisioner, the reconciler's inventory and its repairs at once, as all
 * three act on the same roles with the same clients.
 */
export class IamGrantProvisioner implements GrantProvisioner {
  private readonly logger: LoggerService;
  private readonly rolePath: string;
  private readonly installationId: string;
  private readonly clients: IamClients;

  constructor(options: IamGrantProvisionerOptions) {
    this.logger = options.logger;
    this.rolePath = options.rolePath ?? DEFAULT_ROLE_PATH;
    this.installationId = options.installationId ?? DEFAULT_INSTALLATION_ID;
    this.clients = new IamClients(options.clientFactory);
  }

  async createRole(spec: GrantRoleSpec): Promise<{ roleArn: string }> {
    const { trustPolicy } = renderGrantPolicies(spec);
    const iam = await this.iam(spec.accountId);
    try {
      const { Role } = await iam.send(
        new CreateRoleCommand({
          RoleName: spec.roleName,
          Path: spec.rolePath,
          AssumeRolePolicyDocument: trustPolicy,
          Description: roleDescription(spec),
          MaxSessionDuration: maxSessionDurationSeconds(spec.expiresAt),
          // A parameter of CreateRole, so the boundary costs no extra write
          // and a role never exists without it.
          PermissionsBoundary: spec.permissionsBoundaryArn,
          Tags: grantTags(spec, this.installationId),
        }),
      );
      this.logger.info(
        `Created IAM role ${Role!.Arn} for grant ${spec.grantId}`,
      );
      return { roleArn: Role!.Arn! };
    } catch (error) {
      if (error instanceof EntityAlreadyExistsException) {
        return this.adoptExistingRole(iam, spec);
      }
      if (isNoSuchEntity(error)) {
        // The only entity CreateRole refers to is the boundary policy.
        throw new ConflictError(
          `account ${spec.accountId} has no grant boundary ${spec.permissionsBoundaryArn}: its onboarding stack must be updated before new grants`,
        );
      }
      throw refusedPolicy(error, policyField('trust'), 'trust policy');
    }
  }

  async putRolePolicy(spec: GrantRoleSpec): Promise<void> {
    const { permissionPolicy } = renderGrantPolicies(spec);
    const iam = await this.iam(spec.accountId);
    await writeGrantPolicy(iam, spec, 'permission', permissionPolicy);
  }

  async updateExpiry(spec: GrantRoleSpec): Promise<void> {
    // Both documents are rendered (and size-checked) before the first write.
    const { trustPolicy, permissionPolicy } = renderGrantPolicies(spec);
    const iam = await this.iam(spec.accountId);
    // The two writes that matter: both policies carry the new expiry, so
    // the old one can no longer cut the grant short.
    await writeGrantPolicy(iam, spec, 'trust', trustPolicy);
    await writeGrantPolicy(iam, spec, 'permission', permissionPolicy);

    // Cosmetic: keep the session length and the expiry tag truthful. The
    // grant is already extended, so a failure here is only logged.
    await this.bestEffort(spec, 'update the maximum session duration', () =>
      iam.send(
        new UpdateRoleCommand({
          RoleName: spec.roleName,
          MaxSessionDuration: maxSessionDurationSeconds(spec.expiresAt),
        }),
      ),
    );
    await this.bestEffort(spec, 'update the expiry tag', () =>
      iam.send(
        new TagRoleCommand({
          RoleName: spec.roleName,
          // The grant id again, because the manager role may only tag
          // requests that carry it.
          Tags: grantTags(spec).filter(
            tag => tag.Key === TAG_GRANT_ID || tag.Key === TAG_EXPIRES_AT,
          ),
        }),
      ),
    );
  }

  async putTrustPolicy(spec: GrantRoleSpec): Promise<void> {
    const { trustPolicy } = renderGrantPolicies(spec);
    const iam = await this.iam(spec.accountId);
    await writeGrantPolicy(iam, spec, 'trust', trustPolicy);
  }

  async detachRolePolicy(
    accountId: string,
    roleName: string,
    policyArn: string,
  ): Promise<void> {
    await detachManagedPolicy(await this.iam(accountId), roleName, policyArn);
  }

  async deleteRolePolicy(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<void> {
    await deleteInlinePolicy(await this.iam(accountId), roleName, policyName);
  }

  async deleteRole(accountId: string, roleName: string): Promise<void> {
    await deleteGrantRole(await this.iam(accountId), {
      accountId,
      roleName,
      rolePath: this.rolePath,
      logger: this.logger,
    });
  }

  async listManagedRoles(accountId: string): Promise<ManagedRole[]> {
    return listManagedRoles(
      await this.iam(accountId),
      accountId,
      this.rolePath,
    );
  }

  async getRoleState(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<GrantRoleState | undefined> {
    return readRoleState(await this.iam(accountId), roleName, policyName);
  }

  private iam(accountId: string): Promise<IAMClient> {
    return this.clients.forAccount(accountId);
  }

  /**
   * A role by that name exists: when an earlier attempt of this same grant
   * created it (a crash before the engine recorded it), carry on with it;
   * anything else is not ours to touch.
   */
  private async adoptExistingRole(
    iam: IAMClient,
    spec: GrantRoleSpec,
  ): Promise<{ roleArn: string }> {
    const { Role: role } = await iam.send(
      new GetRoleCommand({ RoleName: spec.roleName }),
    );
    const owner = role?.Tags?.find(tag => tag.Key === TAG_GRANT_ID)?.Value;
    // A role made by hand to look like this grant's would carry rights or
    // trust nobody checked: only one made like ours is adopted.
    const madeLikeOurs =
      role?.Path === spec.rolePath &&
      role?.PermissionsBoundary?.PermissionsBoundaryArn ===
        spec.permissionsBoundaryArn;
    if (role?.Arn && owner === tagValue(spec.grantId) && madeLikeOurs) {
      this.logger.info(
        `IAM role ${role.Arn} of grant ${spec.grantId} already exists; resuming`,
      );
      return { roleArn: role.Arn };
    }
    let why = 'and was not created for a grant';
    if (owner && owner !== tagValue(spec.grantId)) {
      why = `and belongs to grant ${owner}`;
    } else if (owner) {
      why = `but not under ${spec.rolePath} with the grant boundary`;
    }
    throw new ConflictError(
      `IAM role ${spec.roleName} already exists in account ${spec.accountId} ${why}`,
    );
  }

  private async bestEffort(
    spec: GrantRoleSpec,
    what: string,
    fn: () => Promise<unknown>,
  ) {
    try {
      await fn();
    } catch (error) {
      this.logger.warn(
        `Could not ${what} of IAM role ${spec.roleName} for grant ${
          spec.grantId
        }: ${messageOf(error)}`,
      );
    }
  }
}
