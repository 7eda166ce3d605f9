import { TAG_GRANT_ID } from 'backstage-plugin-aws-access-common';
import type { AwsPurpose } from '../aws/types';

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
export const TEMPLATE_VERSION = 1;

/** Tag carrying {@link TEMPLATE_VERSION} on both roles. */
export const TAG_TEMPLATE_VERSION = 'backstage-access:template-version';

export const MANAGER_ROLE_NAME = 'BackstageAccessManager';
export const READER_ROLE_NAME = 'BackstageAccessReader';

/** What a rule's resources are, resolved per account and role path. */
export type RuleScope =
  /** Roles under the configured role path: `role<rolePath>*`. */
  | 'grant-roles'
  /** The manager role itself (for the connection check). */
  | 'manager-role'
  /** Every resource: for calls that have no resource type, or for discovery. */
  | 'all';

/** Extra requirements a rule puts on a request. */
export type RuleCondition =
  /** The request must tag the new role with a grant id, and only with our tags. */
  | 'tags-new-role-as-grant'
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

export interface AccessRoleDefinition {
  name: string;
  purpose: AwsPurpose;
  summary: string;
  rules: PermissionRule[];
}

export const MANAGER_ROLE: AccessRoleDefinition = {
  name: MANAGER_ROLE_NAME,
  purpose: 'manage',
  summary:
    'Creates, updates and deletes the short-lived grant roles, and nothing else. It may only touch roles under the role path, may only create roles tagged with a grant id, and may only change or delete roles that carry that tag.',
  rules: [
    {
      sid: 'CreateGrantRoles',
      effect: 'Allow',
      actions: ['iam:CreateRole', 'iam:TagRole'],
      scope: 'grant-roles',
      condition: 'tags-new-role-as-grant',
      reason:
        'A grant becomes a new role under the role path. The request must tag it with its grant id (and only with `backstage-access:*` tags), so every role the manager creates is recognisably a grant. `iam:TagRole` is needed because IAM checks it for tags passed to `CreateRole`.',
    },
    {
      sid: 'ChangeOwnGrantRoles',
      effect: 'Allow',
      actions: [
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:DetachRolePolicy',
        'iam:DeleteRole',
      ],
      scope: 'grant-roles',
      condition: 'role-is-a-grant',
      reason:
        "Writes a grant's inline permission policy, rewrites both policies and the maximum session duration when a grant is extended, and removes the policy then the role when it is revoked or expires (detaching first any managed policy someone attached by hand, which only ever removes rights). Only roles carrying a grant id tag qualify, so the manager cannot change a role it did not create.",
    },
    {
      sid: 'ReadGrantRoles',
      effect: 'Allow',
      actions: [
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:ListRoleTags',
      ],
      scope: 'grant-roles',
      reason:
        'Lets the reconciler compare each role under the role path with its grant: its tags, its inline policy and any policy attached by hand (drift).',
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
        'Belt and braces: even if someone later attaches a broader policy to this role, it can never hand a role to a service, attach managed policies, change boundaries, author managed policies, or strip the grant tag that limits it.',
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
  Resource: string;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

function ruleResource(scope: RuleScope, target: PolicyTarget): string {
  const roleArnPrefix = `arn:${target.partition}:iam::${target.accountId}:role`;
  switch (scope) {
    case 'grant-roles':
      return `${roleArnPrefix}${target.rolePath}*`;
    case 'manager-role':
      return `${roleArnPrefix}/${MANAGER_ROLE_NAME}`;
    default:
      return '*';
  }
}

function ruleCondition(
  condition: RuleCondition | undefined,
): PolicyStatement['Condition'] {
  switch (condition) {
    case 'tags-new-role-as-grant':
      return {
        // `?*`: the tag must be present with a non-empty value.
        StringLike: { [`aws:RequestTag/${TAG_GRANT_ID}`]: '?*' },
        'ForAllValues:StringLike': { 'aws:TagKeys': ['backstage-access:*'] },
      };
    case 'role-is-a-grant':
      return { StringLike: { [`aws:ResourceTag/${TAG_GRANT_ID}`]: '?*' } };
    default:
      return undefined;
  }
}

/** The role's permission policy for one account (or for CloudFormation references). */
export function rolePolicyDocument(
  role: AccessRoleDefinition,
  target: PolicyTarget,
): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: role.rules.map(rule => {
      const condition = ruleCondition(rule.condition);
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
    all: 'all resources (`*`)',
  }[rule.scope];
  const when = {
    'tags-new-role-as-grant': `only when the request tags the role with \`${TAG_GRANT_ID}\` and no tag outside \`backstage-access:*\``,
    'role-is-a-grant': `only on roles tagged \`${TAG_GRANT_ID}\``,
  };
  return rule.condition ? `${where}, ${when[rule.condition]}` : where;
}
