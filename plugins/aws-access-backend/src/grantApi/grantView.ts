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
  Grant,
  switchRoleUrl,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord } from '../database/types';

/** The API view of a stored grant: ISO timestamps, no engine internals. */
export function toApiGrant(record: GrantRecord): Grant {
  const iso = (date?: Date) => date?.toISOString();
  const live = record.state === 'active' && !!record.roleArn;
  return {
    id: record.id,
    state: record.state,
    requester: record.requester,
    resourceArn: record.resourceArn,
    resourceType: record.resourceType,
    resourceRef: record.resourceRef,
    accountId: record.accountId,
    region: record.region,
    actions: record.actions,
    reason: record.reason,
    durationMinutes: record.durationMinutes,
    createdAt: record.createdAt.toISOString(),
    approvedAt: iso(record.approvedAt),
    approvedBy: record.approvedBy,
    activatedAt: iso(record.activatedAt),
    expiresAt: iso(record.expiresAt),
    endedAt: iso(record.endedAt),
    roleArn: record.roleArn,
    roleName: record.roleName,
    policyName: record.policyName,
    // Only a live role can be switched to.
    signInUrl: live
      ? switchRoleUrl({
          accountId: record.accountId,
          roleName: record.roleName,
          rolePath: rolePathOf(record.roleArn!),
          displayName: record.roleName,
        })
      : undefined,
    lastError: record.lastError,
    ...approvalView(record),
    ...(isBreakGlass(record) && { breakGlass: true }),
    ...(record.bundleId && { bundleId: record.bundleId }),
    ...(record.targets && { targets: record.targets }),
  };
}

/** `/backstage-access/` from `arn:aws:iam::123456789012:role/backstage-access/name`. */
function rolePathOf(roleArn: string): string {
  const pathAndName = roleArn.split(':role', 2)[1] ?? '/';
  return pathAndName.slice(0, pathAndName.lastIndexOf('/') + 1) || '/';
}

function approvalView(record: GrantRecord): Partial<Grant> {
  const requirement = record.approvalRequirement;
  return {
    resourceOwner: record.resourceOwner,
    ...(requirement?.mode === 'owner' || requirement?.mode === 'groups'
      ? {
          requiredApprovals: requirement.count,
          approverGroups: requirement.approverGroups,
        }
      : {}),
    // Only a request still waiting can time out.
    ...(record.state === 'pending' && record.approvalDeadline
      ? { approvalDeadline: record.approvalDeadline.toISOString() }
      : {}),
    ...(record.approvals.length
      ? {
          approvals: record.approvals.map(a => ({
            approver: a.approver,
            ...(a.comment ? { comment: a.comment } : {}),
            createdAt: a.approvedAt.toISOString(),
          })),
        }
      : {}),
  };
}

/** Whether the requester approved the grant themselves (break-glass). */
export function isBreakGlass(record: GrantRecord): boolean {
  const requirement = record.approvalRequirement;
  return requirement?.mode !== 'auto' && requirement?.breakGlass === 'used';
}
