import { TAG_GRANT_ID } from '@backstage-aws-access/plugin-aws-access-common';
import type { AwsPurpose } from '@backstage-aws-access/plugin-aws-access-node';

/**
 * The single source of truth for what the backend may do in an onboarded
 * account: the CloudFormation template, `docs/permissions.md` and the
 * least-privilege tests are all rendered from the definitions below.
 */

/**
 * Version of the roles' permissions. Bump it whenever a rule below changes:
 * it is stamped on the deployed roles as a tag, and accounts whose stack
 * carries an older number show "update available".
 */
export const TEMPLATE_VERSION = 2;

/**
 * The oldest template whose stack carries the grant boundary. Grant roles
 * are created with the boundary, so an account whose stack is older cannot
 * take new grants until its stack is updated.
 */
export const BOUNDARY_TEMPLATE_VERSION = 2;

/** Tag carrying {@link TEMPLATE_VERSION} on both roles. */
export const TAG_TEMPLATE_VERSION = 'backstage-access:template-version';

export const MANAGER_ROLE_NAME = 'BackstageAccessManager';
export const READER_ROLE_NAME = 'BackstageAccessReader';

/**
 * The managed policy every grant role carries as its permissions boundary.
 * Its name and path are fixed (not derived from `awsAccess.rolePath`), so
 * that its ARN in any account follows from the partition and account id
 * alone; see {@link grantBoundaryArn}.
 */
export const GRANT_BOUNDARY_NAME = 'BackstageAccessGrantBoundary';
export const GRANT_BOUNDARY_PATH = '/backstage-access/';

/** The grant boundary's ARN in one account (or with CloudFormation references). */
export function grantBoundaryArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:policy${GRANT_BOUNDARY_PATH}${GRANT_BOUNDARY_NAME}`;
}

/** What a rule's resources are, resolved per account and role path. */
export type RuleScope =
  /** Roles under the configured role path: `role<rolePath>*`. */
  | 'grant-roles'
  /** The manager role itself (for the connection check). */
  | 'manager-role'
  /** The grant boundary policy. */
  | 'grant-boundary'
  /**
   * Everything Backstage's control over grants rests on: the grant roles,
   * the manager and reader roles, and the grant boundary.
   */
  | 'control-plane'
  /** The manager and reader roles and the grant roles (for STS). */
  | 'managed-roles'
  /** Instance profiles, wherever they are (a role can be added to any). */
  | 'instance-profiles'
  /** Every resource: for calls that have no resource type, or for discovery. */
  | 'all';

/** Extra requirements a rule puts on a request. */
export type RuleCondition =
  /** The request must tag the role with a grant id, and only with our tags. */
  | 'tags-new-role-as-grant'
  /**
   * `tags-new-role-as-grant`, and the new role must carry the grant
   * boundary as its permissions boundary.
   */
  | 'creates-bounded-grant-role'
  /** The request sets no permissions boundary, or another than the grant boundary. */
  | 'without-grant-boundary'
  /** The role must already carry a grant id tag: it was created by the engine. */
  | 'role-is-a-grant';

export interface PermissionRule {
  sid: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  scope: RuleScope;
  condition?: RuleCondition;
  /** Why the rule exists, in words an account owner can review. */
  reason: string;
}

/** A policy rendered from rules: a role's inline policy, or the grant boundary. */
export interface PolicyDefinition {
  name: string;
  summary: string;
  rules: PermissionRule[];
}

export interface AccessRoleDefinition extends PolicyDefinition {
  purpose: AwsPurpose;
}

export const MANAGER_ROLE: AccessRoleDefinition = {
  name: MANAGER_ROLE_NAME,
  purpose: 'manage',
  summary: `Creates, updates and deletes the short-lived grant roles, and nothing else. It may only touch roles under the role path, may only create roles that are tagged with a grant id and carry the ${GRANT_BOUNDARY_NAME} permissions boundary, may only widen roles that carry that tag, and can never remove or change the boundary.`,
  rules: [
    {
      sid: 'CreateGrantRoles',
      effect: 'Allow',
      actions: ['iam:CreateRole'],
      scope: 'grant-roles',
      condition: 'creates-bounded-grant-role',
      reason: `A grant becomes a new role under the role path. The request must tag it with its grant id (and only with \`backstage-access:*\` tags), so every role the manager creates is recognisably a grant, and must give it the ${GRANT_BOUNDARY_NAME} permissions boundary, so that no grant role can ever act on the roles and the policy Backstage's control rests on, whatever its own policy says.`,
    },
    {
      sid: 'TagGrantRoles',
      effect: 'Allow',
      actions: ['iam:TagRole'],
      scope: 'grant-roles',
      condition: 'tags-new-role-as-grant',
      reason:
        'IAM checks `iam:TagRole` for the tags passed to `CreateRole`; an extension also rewrites the expiry tag. Only `backstage-access:*` tags, always with the grant id.',
    },
    {
      sid: 'ChangeOwnGrantRoles',
      effect: 'Allow',
      actions: [
        'iam:PutRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
      ],
      scope: 'grant-roles',
      condition: 'role-is-a-grant',
      reason:
        "Writes a grant's inline permission policy, and rewrites both policies and the maximum session duration when a grant is extended. These calls give rights, so only roles carrying a grant id tag qualify: the manager cannot widen a role it did not create.",
    },
    {
      sid: 'RemoveGrantRoles',
      effect: 'Allow',
      actions: [
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:DeleteRole',
      ],
      scope: 'grant-roles',
      reason:
        "Removes a grant's policy, then its role, when the grant is revoked or expires, together with anything attached to it by hand. The role is found by the name the grant recorded, whatever its tags say now: someone with admin rights who untags a grant role must not make it outlive its grant. These calls only ever take rights away, and only under the role path.",
    },
    {
      sid: 'RemoveGrantRolesFromInstanceProfiles',
      effect: 'Allow',
      actions: ['iam:RemoveRoleFromInstanceProfile'],
      scope: 'instance-profiles',
      reason:
        'IAM refuses to delete a role that is in an instance profile, and someone with admin rights can put a grant role into any instance profile. IAM has no condition on the role for this call, so it is allowed on every instance profile; it only ever takes a role away from an instance profile, and the engine only calls it for a grant role it is deleting.',
    },
    {
      sid: 'ReadGrantRoles',
      effect: 'Allow',
      actions: [
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:ListRoleTags',
      ],
      scope: 'grant-roles',
      reason:
        'Lets the reconciler compare each role under the role path with its grant: its tags, its permissions boundary, its inline policy and anything attached by hand (drift); and lets revocation find what blocks deleting a role.',
    },
    {
      sid: 'ListRoles',
      effect: 'Allow',
      actions: ['iam:ListRoles'],
      scope: 'all',
      reason:
        'Finds leftover grant roles (the engine lists with the role path as prefix). IAM defines no resource type for `iam:ListRoles`, so it can only be granted on `*`; it reveals role names, paths and trust policies, not permissions.',
    },
    {
      sid: 'ReadOwnTemplateVersion',
      effect: 'Allow',
      actions: ['iam:GetRole'],
      scope: 'manager-role',
      reason: `The connection check reads the \`${TAG_TEMPLATE_VERSION}\` tag of this role to tell when the stack is older than the backend's template.`,
    },
    {
      sid: 'NeverCreateUnboundedRoles',
      effect: 'Deny',
      actions: ['iam:CreateRole'],
      scope: 'all',
      condition: 'without-grant-boundary',
      reason: `Belt and braces: even if someone later attaches a broader policy to this role, every role it creates carries the ${GRANT_BOUNDARY_NAME} boundary.`,
    },
    {
      sid: 'NeverEditTheBoundary',
      effect: 'Deny',
      actions: [
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:TagPolicy',
        'iam:UntagPolicy',
      ],
      scope: 'grant-boundary',
      reason: `The ${GRANT_BOUNDARY_NAME} policy is owned by the stack alone: the backend can neither rewrite nor delete the cap it works under.`,
    },
    {
      sid: 'NeverEscalate',
      effect: 'Deny',
      actions: [
        'iam:PassRole',
        'iam:AttachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:DeleteRolePermissionsBoundary',
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:UntagRole',
      ],
      scope: 'all',
      reason:
        'Belt and braces: even if someone later attaches a broader policy to this role, it can never hand a role to a service, attach managed policies, change or remove a permissions boundary, author managed policies, or strip the grant tag that limits it.',
    },
  ],
};

/**
 * The permissions boundary of every grant role. It grants nothing by itself
 * (a role's rights are its own policy *and* its boundary): it caps whatever
 * a grant role's inline policy says, even `*` on `*`, so that a grant can
 * never be used to take over Backstage's control of grants, to make a grant
 * role outlive its grant, or to mint credentials that do.
 */
export const GRANT_BOUNDARY: PolicyDefinition = {
  name: GRANT_BOUNDARY_NAME,
  summary:
    "The permissions boundary of every grant role. It allows everything, so a grant's own policy alone decides what the grant gives; and it denies, whatever that policy says, what would let a grant escape Backstage's control.",
  rules: [
    {
      sid: 'CapNotGrant',
      effect: 'Allow',
      actions: ['*'],
      scope: 'all',
      reason:
        "A boundary only limits: a grant role may do what both its own policy and its boundary allow. Allowing everything here leaves the grant's own policy in charge, except for the denials below.",
    },
    {
      sid: 'NoIamWritesOnBackstageControl',
      effect: 'Deny',
      actions: [
        'iam:Add*',
        'iam:Attach*',
        'iam:Create*',
        'iam:Delete*',
        'iam:Detach*',
        'iam:PassRole',
        'iam:Put*',
        'iam:Remove*',
        'iam:Set*',
        'iam:Tag*',
        'iam:Untag*',
        'iam:Update*',
      ],
      scope: 'control-plane',
      reason: `No grant role may change a grant role (its own or another's: policies, trust, boundary, tags, deletion), the ${MANAGER_ROLE_NAME} or ${READER_ROLE_NAME} role, or this policy, nor hand any of these roles to a service. So a grant can neither widen itself nor another grant, nor strip the tags or the boundary that tie a role to its grant.`,
    },
    {
      sid: 'NoStsIntoBackstageRoles',
      effect: 'Deny',
      actions: ['sts:*'],
      scope: 'managed-roles',
      reason: `No grant role may assume (or tag sessions of, or set the source identity for) another grant role or the ${MANAGER_ROLE_NAME} or ${READER_ROLE_NAME} role: a grant is for the principal it names, and role chaining would bypass that.`,
    },
    {
      sid: 'NoUnboundedRoles',
      effect: 'Deny',
      actions: ['iam:CreateRole'],
      scope: 'all',
      condition: 'without-grant-boundary',
      reason:
        'A grant that may create roles elsewhere can only create roles that carry this boundary too, so a role made by a grant can never do what the grant itself cannot.',
    },
    {
      sid: 'NoBoundaryChanges',
      effect: 'Deny',
      actions: [
        'iam:PutRolePermissionsBoundary',
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutUserPermissionsBoundary',
        'iam:DeleteUserPermissionsBoundary',
      ],
      scope: 'all',
      reason:
        'No grant role may remove or replace any permissions boundary, so the cap above cannot be taken off a role a grant created.',
    },
    {
      sid: 'NoLongLivedCredentials',
      effect: 'Deny',
      actions: [
        'iam:CreateUser',
        'iam:CreateAccessKey',
        'iam:UpdateAccessKey',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:CreateServiceSpecificCredential',
        'iam:UploadSSHPublicKey',
        'iam:UploadSigningCertificate',
        'iam:CreateOpenIDConnectProvider',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
        'iam:CreateSAMLProvider',
        'iam:UpdateSAMLProvider',
      ],
      scope: 'all',
      reason:
        'A time-bound grant must not be able to mint access that outlives it: no IAM users, access keys, console passwords, service or SSH credentials, and no new or changed identity providers.',
    },
  ],
};

export const READER_ROLE: AccessRoleDefinition = {
  name: READER_ROLE_NAME,
  purpose: 'read',
  summary:
    'Discovers the resources shown in the catalog. Read-only: it lists resources and reads their tags and location, never their data.',
  rules: [
    {
      sid: 'DiscoverS3Buckets',
      effect: 'Allow',
      actions: [
        's3:ListAllMyBuckets',
        's3:GetBucketLocation',
        's3:GetBucketTagging',
      ],
      scope: 'all',
      reason:
        'Lists buckets with their region and tags (owner, system) for the catalog.',
    },
    {
      sid: 'DiscoverComputeAndData',
      effect: 'Allow',
      actions: [
        'ec2:DescribeInstances',
        'dynamodb:ListTables',
        'dynamodb:DescribeTable',
        'dynamodb:ListTagsOfResource',
        'lambda:ListFunctions',
        'lambda:ListTags',
        'rds:DescribeDBInstances',
      ],
      scope: 'all',
      reason:
        'Lists EC2 instances, DynamoDB tables, Lambda functions and RDS instances with their tags.',
    },
    {
      sid: 'DiscoverMessaging',
      effect: 'Allow',
      actions: [
        'sqs:ListQueues',
        'sqs:GetQueueAttributes',
        'sqs:ListQueueTags',
        'sns:ListTopics',
        'sns:ListTagsForResource',
      ],
      scope: 'all',
      reason:
        'Lists SQS queues (their ARN comes from the queue attributes) and SNS topics with their tags.',
    },
    {
      sid: 'DiscoverKeys',
      effect: 'Allow',
      actions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:ListResourceTags'],
      scope: 'all',
      reason:
        'Lists customer KMS keys with their description and tags. No encrypt, decrypt or key-policy rights.',
    },
    {
      sid: 'DiscoverTaggedResources',
      effect: 'Allow',
      actions: ['tag:GetResources'],
      scope: 'all',
      reason:
        'Finds further resource types by tag (`awsAccess.catalog.additionalResourceTypes`).',
    },
  ],
};

export const ACCESS_ROLES: readonly AccessRoleDefinition[] = [
  MANAGER_ROLE,
  READER_ROLE,
];

/** Where a policy applies: a real account, or CloudFormation `${AWS::...}` references. */
export interface PolicyTarget {
  partition: string;
  accountId: string;
  rolePath: string;
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

function ruleResource(
  scope: RuleScope,
  target: PolicyTarget,
): string | string[] {
  const iamArnPrefix = `arn:${target.partition}:iam::${target.accountId}:`;
  const grantRoles = `${iamArnPrefix}role${target.rolePath}*`;
  const accessRoles = [MANAGER_ROLE_NAME, READER_ROLE_NAME].map(
    name => `${iamArnPrefix}role/${name}`,
  );
  const boundary = grantBoundaryArn(target.partition, target.accountId);
  switch (scope) {
    case 'grant-roles':
      return grantRoles;
    case 'manager-role':
      return `${iamArnPrefix}role/${MANAGER_ROLE_NAME}`;
    case 'grant-boundary':
      return boundary;
    case 'managed-roles':
      return [grantRoles, ...accessRoles];
    case 'control-plane':
      return [grantRoles, ...accessRoles, boundary];
    case 'instance-profiles':
      return `${iamArnPrefix}instance-profile/*`;
    default:
      return '*';
  }
}

function ruleCondition(
  condition: RuleCondition | undefined,
  target: PolicyTarget,
): PolicyStatement['Condition'] {
  const tagsAsGrant = {
    // `?*`: the tag must be present with a non-empty value.
    StringLike: { [`aws:RequestTag/${TAG_GRANT_ID}`]: '?*' },
    'ForAllValues:StringLike': { 'aws:TagKeys': ['backstage-access:*'] },
  };
  const boundary = grantBoundaryArn(target.partition, target.accountId);
  switch (condition) {
    case 'tags-new-role-as-grant':
      return tagsAsGrant;
    case 'creates-bounded-grant-role':
      return {
        ...tagsAsGrant,
        StringEquals: { 'iam:PermissionsBoundary': boundary },
      };
    case 'without-grant-boundary':
      // Also true when the request names no boundary at all.
      return { StringNotEquals: { 'iam:PermissionsBoundary': boundary } };
    case 'role-is-a-grant':
      return { StringLike: { [`aws:ResourceTag/${TAG_GRANT_ID}`]: '?*' } };
    default:
      return undefined;
  }
}

/**
 * A role's permission policy, or the grant boundary, for one account (or
 * for CloudFormation references).
 */
export function rolePolicyDocument(
  role: PolicyDefinition,
  target: PolicyTarget,
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: role.rules.map(rule => {
      const condition = ruleCondition(rule.condition, target);
      return {
        Sid: rule.sid,
        Effect: rule.effect,
        Action: rule.actions,
        Resource: ruleResource(rule.scope, target),
        ...(condition ? { Condition: condition } : {}),
      };
    }),
  };
}

/** In words, for the documentation: what a rule's scope and condition mean. */
export function describeRuleScope(rule: PermissionRule): string {
  const where = {
    'grant-roles': 'roles under the role path',
    'manager-role': `the ${MANAGER_ROLE_NAME} role itself`,
    'grant-boundary': `the ${GRANT_BOUNDARY_NAME} policy`,
    'managed-roles': `roles under the role path, ${MANAGER_ROLE_NAME} and ${READER_ROLE_NAME}`,
    'control-plane': `roles under the role path, ${MANAGER_ROLE_NAME}, ${READER_ROLE_NAME} and the ${GRANT_BOUNDARY_NAME} policy`,
    'instance-profiles': 'all instance profiles of the account',
    all: 'all resources (`*`)',
  }[rule.scope];
  const when = {
    'tags-new-role-as-grant': `only when the request tags the role with \`${TAG_GRANT_ID}\` and no tag outside \`backstage-access:*\``,
    'creates-bounded-grant-role': `only when the request tags the role with \`${TAG_GRANT_ID}\` and no tag outside \`backstage-access:*\`, and sets the ${GRANT_BOUNDARY_NAME} policy as its permissions boundary`,
    'without-grant-boundary': `whenever the request does not set the ${GRANT_BOUNDARY_NAME} policy as the permissions boundary`,
    'role-is-a-grant': `only on roles tagged \`${TAG_GRANT_ID}\``,
  };
  return rule.condition ? `${where}, ${when[rule.condition]}` : where;
}
