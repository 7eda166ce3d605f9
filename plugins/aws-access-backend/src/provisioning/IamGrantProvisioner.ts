import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoleTags,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DEFAULT_ROLE_PATH,
  TAG_EXPIRES_AT,
  TAG_GRANT_ID,
} from 'backstage-plugin-aws-access-common';
import { AwsClientFactory } from '../aws/types';
import { renderGrantPolicies } from './policies';
import {
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
} from './types';

/**
 * Attempts per IAM call. The SDK's standard retry strategy retries
 * throttling, 5xx and network errors with exponential backoff and jitter;
 * IAM's control plane throttles at a few requests per second per account,
 * which a reconciler pass over many roles can reach.
 */
const MAX_ATTEMPTS = 5;

/** IAM's error codes, with or without the SDK's `Exception` suffix. */
function isIamError(error: unknown, code: string): boolean {
  const name = (error as Error | undefined)?.name;
  return name === code || name === `${code}Exception`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** IAM returns policy documents URL-encoded (RFC 3986); the SDK leaves them so. */
function decodePolicy(document: string): string {
  try {
    return decodeURIComponent(document);
  } catch {
    return document; // not encoded after all
  }
}

export interface IamGrantProvisionerOptions {
  clientFactory: AwsClientFactory;
  logger: LoggerService;
  /** The IAM path {@link IamGrantProvisioner.listManagedRoles} looks under. */
  rolePath?: string;
}

/**
 * The {@link GrantProvisioner} that creates one IAM role per grant in the
 * target account, through the account's manager credentials.
 */
export class IamGrantProvisioner implements GrantProvisioner {
  private readonly clientFactory: AwsClientFactory;
  private readonly logger: LoggerService;
  private readonly rolePath: string;
  /** One client per account, so connections and retry state are reused. */
  private readonly clients = new Map<string, Promise<IAMClient>>();

  constructor(options: IamGrantProvisionerOptions) {
    this.clientFactory = options.clientFactory;
    this.logger = options.logger;
    this.rolePath = options.rolePath ?? DEFAULT_ROLE_PATH;
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
          Tags: grantTags(spec),
        }),
      );
      this.logger.info(
        `Created IAM role ${Role!.Arn} for grant ${spec.grantId}`,
      );
      return { roleArn: Role!.Arn! };
    } catch (error) {
      if (isIamError(error, 'EntityAlreadyExists')) {
        return this.adoptExistingRole(iam, spec);
      }
      throw this.refusedPolicy(error, 'trustPrincipalArns', 'trust policy');
    }
  }

  async putRolePolicy(spec: GrantRoleSpec): Promise<void> {
    const { permissionPolicy } = renderGrantPolicies(spec);
    const iam = await this.iam(spec.accountId);
    await this.writePermissionPolicy(iam, spec, permissionPolicy);
  }

  async updateExpiry(spec: GrantRoleSpec): Promise<void> {
    // Both documents are rendered (and size-checked) before the first write.
    const { trustPolicy, permissionPolicy } = renderGrantPolicies(spec);
    const iam = await this.iam(spec.accountId);
    // The two writes that matter: both policies carry the new expiry, so
    // the old one can no longer cut the grant short.
    await this.writeTrustPolicy(iam, spec, trustPolicy);
    await this.writePermissionPolicy(iam, spec, permissionPolicy);

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
    await this.writeTrustPolicy(iam, spec, trustPolicy);
  }

  async detachRolePolicy(
    accountId: string,
    roleName: string,
    policyArn: string,
  ): Promise<void> {
    const iam = await this.iam(accountId);
    try {
      await iam.send(
        new DetachRolePolicyCommand({
          RoleName: roleName,
          PolicyArn: policyArn,
        }),
      );
    } catch (error) {
      if (!isIamError(error, 'NoSuchEntity')) {
        throw error;
      }
    }
  }

  async deleteRolePolicy(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<void> {
    const iam = await this.iam(accountId);
    try {
      await iam.send(
        new DeleteRolePolicyCommand({
          RoleName: roleName,
          PolicyName: policyName,
        }),
      );
    } catch (error) {
      if (!isIamError(error, 'NoSuchEntity')) {
        throw error;
      }
    }
  }

  async deleteRole(accountId: string, roleName: string): Promise<void> {
    const iam = await this.iam(accountId);
    try {
      await this.deleteRoleOnce(iam, roleName);
    } catch (error) {
      if (!isIamError(error, 'DeleteConflict')) {
        throw error;
      }
      // Something was added to the role by hand. It is still ours to
      // delete, so clear it and try once more.
      await this.clearRole(iam, accountId, roleName);
      await this.deleteRoleOnce(iam, roleName);
    }
    this.logger.info(`Deleted IAM role ${roleName} in account ${accountId}`);
  }

  async listManagedRoles(accountId: string): Promise<ManagedRole[]> {
    const iam = await this.iam(accountId);
    const roles: ManagedRole[] = [];
    for await (const page of paginateListRoles(
      { client: iam },
      { PathPrefix: this.rolePath },
    )) {
      for (const role of page.Roles ?? []) {
        if (!role.RoleName || !role.Path?.startsWith(this.rolePath)) {
          continue;
        }
        // ListRoles leaves tags out, so each role's are read on their own.
        const tags = await this.roleTags(iam, role.RoleName);
        if (!tags) {
          continue; // deleted since the listing
        }
        roles.push({
          accountId,
          roleName: role.RoleName,
          roleArn: role.Arn!,
          path: role.Path,
          grantId: tags.get(TAG_GRANT_ID),
          createdAt: role.CreateDate,
        });
      }
    }
    return roles;
  }

  async getRoleState(
    accountId: string,
    roleName: string,
    policyName: string,
  ): Promise<GrantRoleState | undefined> {
    const iam = await this.iam(accountId);
    try {
      const { Role } = await iam.send(
        new GetRoleCommand({ RoleName: roleName }),
      );
      const permissionPolicy = await this.inlinePolicy(
        iam,
        roleName,
        policyName,
      );
      const otherInlinePolicies: string[] = [];
      for await (const page of paginateListRolePolicies(
        { client: iam },
        { RoleName: roleName },
      )) {
        otherInlinePolicies.push(
          ...(page.PolicyNames ?? []).filter(name => name !== policyName),
        );
      }
      const attachedPolicyArns: string[] = [];
      for await (const page of paginateListAttachedRolePolicies(
        { client: iam },
        { RoleName: roleName },
      )) {
        for (const policy of page.AttachedPolicies ?? []) {
          attachedPolicyArns.push(policy.PolicyArn!);
        }
      }
      return {
        trustPolicy: decodePolicy(Role?.AssumeRolePolicyDocument ?? ''),
        permissionPolicy,
        otherInlinePolicies,
        attachedPolicyArns,
      };
    } catch (error) {
      if (isIamError(error, 'NoSuchEntity')) {
        return undefined; // the role was deleted meanwhile
      }
      throw error;
    }
  }

  /** An inline policy's document, or undefined when there is none by that name. */
  private async inlinePolicy(
    iam: IAMClient,
    roleName: string,
    policyName: string,
  ): Promise<string | undefined> {
    try {
      const { PolicyDocument } = await iam.send(
        new GetRolePolicyCommand({
          RoleName: roleName,
          PolicyName: policyName,
        }),
      );
      return PolicyDocument === undefined
        ? undefined
        : decodePolicy(PolicyDocument);
    } catch (error) {
      // No policy by that name (or, caught by the caller, no role).
      if (isIamError(error, 'NoSuchEntity')) {
        return undefined;
      }
      throw error;
    }
  }

  private async writeTrustPolicy(
    iam: IAMClient,
    spec: GrantRoleSpec,
    trustPolicy: string,
  ) {
    try {
      await iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyDocument: trustPolicy,
        }),
      );
    } catch (error) {
      throw this.refusedPolicy(
        error,
        'trustPrincipalArns',
        'trust policy',
        spec,
      );
    }
  }

  private async writePermissionPolicy(
    iam: IAMClient,
    spec: GrantRoleSpec,
    permissionPolicy: string,
  ) {
    try {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: spec.roleName,
          PolicyName: spec.policyName,
          PolicyDocument: permissionPolicy,
        }),
      );
    } catch (error) {
      throw this.refusedPolicy(error, 'actions', 'permission policy', spec);
    }
  }

  private iam(accountId: string): Promise<IAMClient> {
    let client = this.clients.get(accountId);
    if (!client) {
      client = this.clientFactory.clientConfig(accountId, 'manage').then(
        config =>
          new IAMClient({
            ...config,
            maxAttempts: MAX_ATTEMPTS,
            retryMode: 'standard',
          }),
      );
      client.catch(() => this.clients.delete(accountId));
      this.clients.set(accountId, client);
    }
    return client;
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
    const { Role } = await iam.send(
      new GetRoleCommand({ RoleName: spec.roleName }),
    );
    const owner = Role?.Tags?.find(tag => tag.Key === TAG_GRANT_ID)?.Value;
    if (Role?.Arn && owner === tagValue(spec.grantId)) {
      this.logger.info(
        `IAM role ${Role.Arn} of grant ${spec.grantId} already exists; resuming`,
      );
      return { roleArn: Role.Arn };
    }
    throw new ConflictError(
      `IAM role ${spec.roleName} already exists in account ${spec.accountId} ${
        owner
          ? `and belongs to grant ${owner}`
          : 'and was not created for a grant'
      }`,
    );
  }

  private async deleteRoleOnce(iam: IAMClient, roleName: string) {
    try {
      await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    } catch (error) {
      if (!isIamError(error, 'NoSuchEntity')) {
        throw error;
      }
    }
  }

  /** Removes what blocks `DeleteRole`, after checking the role is a grant's. */
  private async clearRole(iam: IAMClient, accountId: string, roleName: string) {
    const tags = await this.roleTags(iam, roleName);
    if (!tags) {
      return;
    }
    if (!tags.has(TAG_GRANT_ID)) {
      throw new ConflictError(
        `IAM role ${roleName} in account ${accountId} was not created for a grant; not deleting what is attached to it`,
      );
    }
    for await (const page of paginateListRolePolicies(
      { client: iam },
      { RoleName: roleName },
    )) {
      for (const policyName of page.PolicyNames ?? []) {
        this.logger.warn(
          `Deleting inline policy ${policyName} from IAM role ${roleName} in account ${accountId} before deleting the role`,
        );
        await this.deleteRolePolicy(accountId, roleName, policyName);
      }
    }
    for await (const page of paginateListAttachedRolePolicies(
      { client: iam },
      { RoleName: roleName },
    )) {
      for (const policy of page.AttachedPolicies ?? []) {
        this.logger.warn(
          `Detaching managed policy ${policy.PolicyArn} from IAM role ${roleName} in account ${accountId} before deleting the role`,
        );
        await this.detachRolePolicy(accountId, roleName, policy.PolicyArn!);
      }
    }
  }

  /** The role's tags, or `undefined` when the role does not exist. */
  private async roleTags(
    iam: IAMClient,
    roleName: string,
  ): Promise<Map<string, string> | undefined> {
    const tags = new Map<string, string>();
    try {
      for await (const page of paginateListRoleTags(
        { client: iam },
        { RoleName: roleName },
      )) {
        for (const tag of page.Tags ?? []) {
          tags.set(tag.Key!, tag.Value ?? '');
        }
      }
    } catch (error) {
      if (isIamError(error, 'NoSuchEntity')) {
        return undefined;
      }
      throw error;
    }
    return tags;
  }

  /**
   * IAM's answers that say the grant itself is wrong become an
   * `InputError` naming the field, so the engine fails the grant instead of
   * retrying; a missing role becomes a `NotFoundError`.
   */
  private refusedPolicy(
    error: unknown,
    field: string,
    what: string,
    spec?: GrantRoleSpec,
  ): unknown {
    if (isIamError(error, 'MalformedPolicyDocument')) {
      return new InputError(
        `${field}: IAM refused the ${what}: ${messageOf(error)}`,
      );
    }
    if (spec && isIamError(error, 'NoSuchEntity')) {
      return new NotFoundError(
        `IAM role ${spec.roleName} does not exist in account ${spec.accountId}`,
      );
    }
    return error;
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
