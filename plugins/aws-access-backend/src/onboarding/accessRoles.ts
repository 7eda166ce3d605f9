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
  type AccessRoleDefinition,
  GRANT_BOUNDARY_NAME,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
} from './accessRoleTypes';

export * from './accessRoleTypes';
export * from './accessRolePolicies';
export { GRANT_BOUNDARY } from './grantBoundary';

/**
 * The single source of truth for what the backend may do in an onboarded
 * account: the CloudFormation template, `docs/permissions.md` and the
 * least-privilege tests are all rendered from the definitions below.
 */

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
