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
  ActionInfo,
  CreateGrantRequest,
  GrantPreview,
} from '@backstage-aws-access/plugin-aws-access-common';
import { PermissionStatement, ResolvedResource } from '../iamActions/types';
import { ApprovalRequirement } from '@backstage-aws-access/plugin-aws-access-node';
import { ResolvedTarget } from '../resources/AccountResolver';
import { ResolvedPrincipals } from '../principals/PrincipalResolver';

/** A request that passed every check, and what it would become. */
export interface GrantPlan {
  request: CreateGrantRequest;
  resource: ResolvedResource;
  target: ResolvedTarget;
  statements: PermissionStatement[];
  actions: string[];
  principals: ResolvedPrincipals;
  /** As if it were active now. */
  expiresAt: Date;
  /** The documents IAM would get, as JSON text. */
  policies: { trustPolicy: string; permissionPolicy: string };
  requirement: ApprovalRequirement;
}

const SENSITIVE_LEVELS = ['Write', 'Permissions management', 'Tagging'];

/**
 * `POST /grants/preview`: what the grant would be, from the same plan
 * `POST /grants` acts on: the exact trust and permission policies with the
 * expiry condition (as if active now), who must approve, the limit, and the
 * actions that write or change permissions.
 */
export function toGrantPreview(
  plan: GrantPlan,
  options: { maxDurationMinutes: number; levels: ActionInfo[] },
): GrantPreview {
  const levels = new Map(
    options.levels.map(a => [a.action.toLowerCase(), a.accessLevel]),
  );
  const sensitiveActions = plan.actions.flatMap(action => {
    const level = levels.get(action.toLowerCase()) ?? 'Permissions management';
    return SENSITIVE_LEVELS.includes(level)
      ? [{ action, accessLevel: level as 'Write' }]
      : [];
  });
  const { requirement } = plan;
  return {
    resourceArn: plan.request.resourceArn,
    resourceType: plan.resource.resourceType,
    accountId: plan.target.account.accountId,
    region: plan.resource.region,
    actions: plan.actions,
    durationMinutes: plan.request.durationMinutes,
    expiresAt: plan.expiresAt.toISOString(),
    maxDurationMinutes: options.maxDurationMinutes,
    trustPolicy: JSON.parse(plan.policies.trustPolicy),
    permissionPolicy: JSON.parse(plan.policies.permissionPolicy),
    approval:
      requirement.mode === 'auto'
        ? { mode: 'auto' }
        : {
            mode: requirement.mode,
            count: requirement.count,
            approverGroups: requirement.approverGroups,
          },
    sensitiveActions,
  };
}
