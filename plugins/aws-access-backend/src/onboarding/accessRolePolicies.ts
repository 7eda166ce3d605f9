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

import { TAG_GRANT_ID } from '@backstage-aws-access/plugin-aws-access-common';
import {
  GRANT_BOUNDARY_NAME,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  grantBoundaryArn,
  type PermissionRule,
  type PolicyDefinition,
  type RuleCondition,
  type RuleScope,
} from './accessRoleTypes';

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
