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

import { DEFAULT_ROLE_PATH } from '@backstage-aws-access/plugin-aws-access-common';
import {
  ACCESS_ROLES,
  GRANT_BOUNDARY,
  GRANT_BOUNDARY_PATH,
  PolicyDefinition,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
  describeRuleScope,
  rolePolicyDocument,
} from './accessRoles';

/**
 * `docs/permissions.md`: every role the onboarding stack creates, each rule
 * with its reason and the exact policy. Rendered from the same definitions
 * as the template; a test fails when the committed file drifts.
 */
export function renderPermissionsMarkdown(): string {
  const lines: string[] = [
    '# Permissions in your AWS accounts',
    '',
    '<!-- Generated from plugins/aws-access-backend/src/onboarding/accessRoles.ts. Do not edit by hand: run',
    '     UPDATE_PERMISSIONS_DOC=1 backstage-cli package test src/onboarding/permissionsMarkdown -->',
    '',
    `Template version: **${TEMPLATE_VERSION}**. Both roles carry it in the \`${TAG_TEMPLATE_VERSION}\` tag; the`,
    '"AWS accounts" admin page shows "update available" when a stack is older than the backend,',
    'and "update needed" when it predates the grant boundary: such an account takes no new grants',
    'until its stack is updated.',
    '',
    'Onboarding an account creates one CloudFormation stack with two roles and one managed',
    `policy, ${GRANT_BOUNDARY.name} (path \`${GRANT_BOUNDARY_PATH}\`), and nothing else.`,
    'They trust only the identity the Backstage backend runs as (an IAM role with the',
    "account's external id, or an EKS service account through the cluster's OIDC provider).",
    'No static keys are involved. Delete the stack to revoke everything (offboard first, so',
    'no grant role is left behind).',
    '',
    `Policies below use account \`123456789012\` and the default role path \`${DEFAULT_ROLE_PATH}\``,
    '(`awsAccess.rolePath`).',
  ];
  const section = (definition: PolicyDefinition, what: string) => {
    lines.push('', `## ${definition.name}`, '', definition.summary);
    for (const rule of definition.rules) {
      lines.push(
        '',
        `### ${rule.sid}`,
        '',
        `- **${rule.effect}:** ${rule.actions.map(a => `\`${a}\``).join(', ')}`,
        `- **On:** ${describeRuleScope(rule)}`,
        `- **Why:** ${rule.reason}`,
      );
    }
    lines.push('', `### ${what} ${definition.name}`);
    const policy = rolePolicyDocument(definition, {
      partition: 'aws',
      accountId: '123456789012',
      rolePath: DEFAULT_ROLE_PATH,
    });
    lines.push('', '```json', JSON.stringify(policy, null, 2), '```');
  };
  for (const role of ACCESS_ROLES) {
    section(role, 'Policy of');
  }
  section(GRANT_BOUNDARY, 'Policy document of');
  return `${lines.join('\n')}\n`;
}
