import {
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  Role as IamRole,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  paginateListAttachedRolePolicies,
  paginateListInstanceProfilesForRole,
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
} from '@backstage-aws-access/plugin-aws-access-common';
import { AwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import { renderGrantPolicies } from './policies';
import {
  DEFAULT_INSTALLATION_ID,
  TAG_INSTALLATION,
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

/**
 * Attempts per IAM call. The SDK's standard retry strategy retries
 * throttling, 5xx and network errors with exponential backoff and jitter;
 * IAM's control plane throttles at a few requests per second per account,
 * which a reconciler pass over many roles can reach.
 */
const MAX_ATTEMPTS = 5;

function isNoSuchEntity(error: unknown): boolean {
  return error instanceof NoSuchEntityException;
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
  /**
   * This Backstage installation (`awsAccess.installationId`), tagged on
   * every role it creates so that the reconciler of another installation
   * sharing the account leaves them alone.
   */
  installationId?: string;
}

/**
 * The {@link GrantProvisioner} that creates one IAM role per grant in the
 * target account, through the account's manager credentials.
 */
export class IamGrantProvisioner implements GrantProvisioner {
  private readonly clientFactory: AwsClientFactory;
  private readonly logger: LoggerService;
  private readonly rolePath: string;
  private readonly installationId: string;
  /** One client per account, so connections and retry state are reused. */
  private readonly clients = new Map<string, Promise<IAMClient>>();

  constructor(options: IamGrantProvisionerOptions) {
    this.clientFactory = options.clientFactory;
    this.logger = options.logger;
    this.rolePath = options.rolePath ?? DEFAULT_ROLE_PATH;
    this.installationId = options.installationId ?? DEFAULT_INSTALLATION_ID;
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
      if (!isNoSuchEntity(error)) {
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
      if (!isNoSuchEntity(error)) {
        throw error;
      }
    }
  }

  async deleteRole(accountId: string, roleName: string): Promise<void> {
    const iam = await this.iam(accountId);
    const role = await this.getRole(iam, roleName);
    if (!role) {
      return; // already gone
    }
    // Role names are unique per account whatever the path, so the name
    // alone could point at someone else's role once the grant's is gone.
    if (!role.Path?.startsWith(this.rolePath)) {
      throw new ConflictError(
        `IAM role ${roleName} in account ${accountId} is not under ${this.rolePath}, so it is not a grant role; not deleting it`,
      );
    }
    // Tags are deliberately not checked: whoever can untag a grant role
    // must not be able to make it outlive its grant.
    try {
      await this.deleteRoleOnce(iam, roleName);
    } catch (error) {
      if (!(error instanceof DeleteConflictException)) {
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
          installationId: tags.get(TAG_INSTALLATION),
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
        permissionsBoundaryArn:
          Role?.PermissionsBoundary?.PermissionsBoundaryArn,
      };
    } catch (error) {
      if (isNoSuchEntity(error)) {
        return undefined; // the role was deleted meanwhile
      }
      throw error;
    }
  }

  /** The role, or undefined when there is none by that name. */
  private async getRole(
    iam: IAMClient,
    roleName: string,
  ): Promise<IamRole | undefined> {
    try {
      const { Role: role } = await iam.send(
        new GetRoleCommand({ RoleName: roleName }),
      );
      return role;
    } catch (error) {
      if (isNoSuchEntity(error)) {
        return undefined;
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
      if (isNoSuchEntity(error)) {
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

  private async deleteRoleOnce(iam: IAMClient, roleName: string) {
    try {
      await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    } catch (error) {
      if (!isNoSuchEntity(error)) {
        throw error;
      }
    }
  }

  /**
   * Removes whatever blocks `DeleteRole`: inline policies, attached managed
   * policies and instance profiles. The permissions boundary stays, as it
   * does not block deletion and only ever limits the role.
   */
  private async clearRole(iam: IAMClient, accountId: string, roleName: string) {
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
    for await (const page of paginateListInstanceProfilesForRole(
      { client: iam },
      { RoleName: roleName },
    )) {
      for (const profile of page.InstanceProfiles ?? []) {
        this.logger.warn(
          `Removing IAM role ${roleName} from instance profile ${profile.InstanceProfileName} in account ${accountId} before deleting the role`,
        );
        try {
          await iam.send(
            new RemoveRoleFromInstanceProfileCommand({
              InstanceProfileName: profile.InstanceProfileName,
              RoleName: roleName,
            }),
          );
        } catch (error) {
          if (!isNoSuchEntity(error)) {
            throw error;
          }
        }
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
      if (isNoSuchEntity(error)) {
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
    if (error instanceof MalformedPolicyDocumentException) {
      return new InputError(
        `${field}: IAM refused the ${what}: ${messageOf(error)}`,
      );
    }
    if (spec && isNoSuchEntity(error)) {
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
