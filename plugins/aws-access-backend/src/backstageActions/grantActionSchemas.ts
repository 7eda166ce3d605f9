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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  buildAwsCliSnippet,
  Grant,
  grantCreatePermission,
  GRANT_STATES,
  GrantEvent,
} from '@backstage-aws-access/plugin-aws-access-common';
// zod/v3, not zod 4 as elsewhere: Backstage types action schemas on it
// (`(zod: typeof z) => …` with `z` from 'zod/v3', in backend-plugin-api's
// actions registry and scaffolder-node's createTemplateAction).
import { z } from 'zod/v3';
import { GrantRecord } from '../database/types';
import { Caller } from '../permissions/caller';
import { GrantAuthorization } from '../permissions/grantAuthorization';
import { GrantService } from '../grantApi/GrantService';
import { InventoryReadiness } from '../resources/inventoryReadiness';

/** What every group of grant actions registers with. */
export interface GrantActionsContext {
  registry: ActionsRegistryService;
  grants: GrantService;
  authorization: GrantAuthorization;
  inventoryReadiness?: InventoryReadiness;
  /** The signed-in user behind the credentials; services are refused. */
  callerOf: (credentials: BackstageCredentials) => Promise<Caller>;
  /** `aws-access.grant.create`: the permission to use self-service at all. */
  visibilityPermission: typeof grantCreatePermission;
}

/** How every action that only reads behaves. */
export const readOnlyAttributes = {
  readOnly: true,
  destructive: false,
  idempotent: true,
};

export const grantIdInput = (zod: typeof z) =>
  zod.string().min(1).max(64).describe('The grant id');

export const grantOutput = (zod: typeof z) =>
  zod.object({ grant: grantSchema(zod) });

/** The API view of a grant as an action's output, with what a person or agent needs next. */
export const grantOutputOf = (grants: GrantService, record: GrantRecord) => ({
  output: { grant: describeGrant(grants.present(record)) },
});

/** The grant as actions show it (zod v3, the registry's). */
export function grantSchema(zod: typeof z) {
  return zod.object({
    id: zod.string(),
    state: zod.enum(GRANT_STATES),
    requester: zod.string(),
    resourceArn: zod.string(),
    resourceType: zod.string(),
    accountId: zod.string(),
    region: zod.string(),
    actions: zod.array(zod.string()),
    reason: zod.string(),
    durationMinutes: zod.number(),
    createdAt: zod.string(),
    approvedAt: zod.string().optional(),
    approvedBy: zod.string().optional(),
    activatedAt: zod.string().optional(),
    expiresAt: zod.string().optional(),
    endedAt: zod.string().optional(),
    roleArn: zod.string().optional(),
    roleName: zod.string().optional(),
    signInUrl: zod.string().optional(),
    lastError: zod.string().optional(),
    approvalDeadline: zod.string().optional(),
    breakGlass: zod
      .boolean()
      .optional()
      .describe('True when the requester approved it themselves (break-glass)'),
    awaitingApproval: zod
      .object({
        approvalsNeeded: zod.number(),
        approverGroups: zod.array(zod.string()),
        approvedSoFar: zod.array(zod.string()),
      })
      .optional()
      .describe('While pending: who must approve'),
    awsCli: zod
      .object({
        profile: zod.string(),
        config: zod.string(),
        commands: zod.string(),
      })
      .optional()
      .describe(
        'While active: the ~/.aws/config profile and commands to use the grant from the AWS CLI',
      ),
    extension: zod
      .object({
        allowed: zod.boolean(),
        reason: zod.string().optional(),
        maxDurationMinutes: zod.number().optional(),
      })
      .optional(),
    next: zod.string().describe('What to do next, in one sentence'),
  });
}

/** The API view of a grant, with who must approve, the CLI profile and a hint. */
export function describeGrant(grant: Grant) {
  const snippet =
    grant.state === 'active' ? buildAwsCliSnippet(grant) : undefined;
  const approvedSoFar = (grant.approvals ?? []).map(a => a.approver);
  return {
    id: grant.id,
    state: grant.state,
    requester: grant.requester,
    resourceArn: grant.resourceArn,
    resourceType: grant.resourceType,
    accountId: grant.accountId,
    region: grant.region,
    actions: grant.actions,
    reason: grant.reason,
    durationMinutes: grant.durationMinutes,
    createdAt: grant.createdAt,
    approvedAt: grant.approvedAt,
    approvedBy: grant.approvedBy,
    activatedAt: grant.activatedAt,
    expiresAt: grant.expiresAt,
    endedAt: grant.endedAt,
    roleArn: grant.roleArn,
    roleName: grant.roleName,
    signInUrl: grant.signInUrl,
    lastError: grant.lastError,
    approvalDeadline: grant.approvalDeadline,
    ...(grant.breakGlass && { breakGlass: true }),
    ...(grant.state === 'pending' && {
      awaitingApproval: {
        approvalsNeeded: Math.max(
          0,
          (grant.requiredApprovals ?? 1) - approvedSoFar.length,
        ),
        approverGroups: grant.approverGroups ?? [],
        approvedSoFar,
      },
    }),
    ...(snippet && {
      awsCli: {
        profile: snippet.profile,
        config: snippet.config,
        commands: snippet.commands,
      },
    }),
    ...(grant.extension && {
      extension: {
        allowed: grant.extension.allowed,
        reason: grant.extension.reason,
        maxDurationMinutes: grant.extension.maxDurationMinutes,
      },
    }),
    next: nextStep(grant),
  };
}

function nextStep(grant: Grant): string {
  switch (grant.state) {
    case 'pending':
      return `Waiting for approval by a member of ${
        (grant.approverGroups ?? []).join(', ') || 'the approvers'
      }; get-grant shows progress, cancel-request withdraws it.`;
    case 'provisioning':
      return 'The IAM role is being created; ask get-grant again in a few seconds.';
    case 'active':
      return `Active until ${
        grant.expiresAt
      }: add awsCli.config to ~/.aws/config and use --profile ${
        grant.id ? buildAwsCliSnippet(grant)?.profile ?? '' : ''
      }; revoke-grant ends it early, extend-grant adds time.`;
    case 'revoking':
      return 'The IAM role is being removed.';
    case 'failed':
      return `Provisioning failed (${
        grant.lastError ?? 'see get-grant'
      }); it is retried, or request access anew.`;
    default:
      return `Ended (${grant.state}); request-access asks for new access.`;
  }
}

export function describeEvent(event: GrantEvent) {
  return {
    type: event.type,
    fromState: event.fromState,
    toState: event.toState,
    actor: event.actor,
    reason: event.reason,
    createdAt: event.createdAt,
  };
}
