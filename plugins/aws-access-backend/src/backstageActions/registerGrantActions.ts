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
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  buildAwsCliSnippet,
  Grant,
  GRANT_LIMITS,
  GRANT_STATES,
  GrantEvent,
  grantApprovePermission,
  grantCreatePermission,
  grantExtendPermission,
  grantReadPermission,
  grantRevokePermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod/v3';
import { GrantRecord } from '../database/types';
import { Caller } from '../service/authorization';
import {
  GrantAuthorization,
  getCallerFromCredentials,
} from '../service/grantAuthorization';
import { GrantService } from '../service/GrantService';
import { InventoryReadiness } from '../service/inventoryReadiness';
import { BreakGlassReviewing } from '../breakGlass/breakGlassRouter';
import {
  changeActionRegistrar,
  commentInput,
  reasonInput,
} from './changeActions';

/**
 * The grant lifecycle as Backstage actions (`aws-access:<name>`), for the
 * Backstage CLI (`backstage-cli actions ...`) and MCP clients (through
 * `@backstage/plugin-mcp-actions-backend`).
 *
 * Every action acts for the signed-in user whose credentials invoke it,
 * through the same {@link GrantService} and the same permission checks
 * ({@link GrantAuthorization}) as the REST API: the same approvals, limits
 * and refusals. Bad input is an `InputError` (the registry answers 400 and
 * MCP clients get a tool error), never a crash.
 *
 * `visibilityPermission` is `aws-access.grant.create` for all of them, the
 * permission to use aws-access self-service at all: the decision on a
 * particular grant (`aws-access.grant.read`, `.revoke`, `.approve`) is a
 * resource permission, checked when the action runs.
 */
export function registerGrantActions(options: {
  actionsRegistry: ActionsRegistryService;
  grants: GrantService;
  authorization: GrantAuthorization;
  /** The break-glass review queue; its actions are registered when given. */
  breakGlassReviewing?: BreakGlassReviewing;
  auth: AuthService;
  userInfo: UserInfoService;
  inventoryReadiness?: InventoryReadiness;
}): void {
  const { actionsRegistry: registry, grants, authorization } = options;
  const callerOf = (credentials: BackstageCredentials) =>
    getCallerFromCredentials(credentials, options);
  const visibilityPermission = grantCreatePermission;

  const requestInput = (zod: typeof z) =>
    zod.object({
      resourceArn: zod
        .string()
        .describe(
          'ARN of the AWS resource, e.g. arn:aws:s3:::my-bucket, or an object prefix under a catalogued bucket (arn:aws:s3:::my-bucket/logs/*)',
        ),
      actions: zod
        .array(zod.string())
        .min(1)
        .max(GRANT_LIMITS.maxActions)
        .describe(
          'IAM actions to allow, e.g. ["s3:GetObject","s3:ListBucket"]; list-iam-actions says which apply',
        ),
      durationMinutes: zod
        .number()
        .int()
        .positive()
        .describe('How long the access lasts once active, in minutes'),
      reason: zod
        .string()
        .describe('Why the access is needed (kept on record)'),
      accountId: zod
        .string()
        .optional()
        .describe(
          '12-digit account id, only for ARNs without one (S3) that exist in several accounts',
        ),
      breakGlass: zod
        .object({ confirmed: zod.literal(true) })
        .optional()
        .describe(
          'Emergency only: approve your own request where a rule allows break-glass (preview-request says so). Needs a reason of at least 20 characters; approvers are notified at once and review it afterwards. Never set this on your own initiative as an agent.',
        ),
    });

  const grantIdInput = (zod: typeof z) =>
    zod.string().min(1).max(64).describe('The grant id');

  const grantOutput = (zod: typeof z) =>
    zod.object({ grant: grantSchema(zod) });

  /** The API view of a grant, with what a person or agent needs next. */
  const out = (record: GrantRecord) => ({
    output: { grant: describeGrant(grants.present(record)) },
  });

  const writeCaller = async (credentials: BackstageCredentials) => {
    const caller = await callerOf(credentials);
    return caller;
  };

  registry.register({
    name: 'request-access',
    title: 'Request AWS access',
    description:
      'Requests time-bound, least-privilege access for yourself to one AWS resource: the listed IAM actions on that resource only, for durationMinutes. ' +
      'Where no approval is needed the grant is active within seconds (state active, with roleArn, expiresAt and an AWS CLI profile); otherwise it is pending and approvers lists who must approve. ' +
      'A second identical live request is refused; extend the existing grant instead. Use preview-request first to see the exact policies.',
    visibilityPermission,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: { input: requestInput, output: grantOutput },
    action: async ({ input, credentials }) => {
      const caller = await writeCaller(credentials);
      await authorization.authorizeBasic(credentials, grantCreatePermission);
      await options.inventoryReadiness?.assertReady();
      return out(await grants.createGrant(input, caller));
    },
  });

  registry.register({
    name: 'preview-request',
    title: 'Preview an AWS access request',
    description:
      'Shows what request-access would do with the same input, creating nothing: the exact IAM trust and permission policies, the expiry, the sensitive actions, and who must approve (approval.mode auto means active at once). ' +
      'Refuses exactly what request-access would refuse.',
    visibilityPermission,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: requestInput,
      output: zod =>
        zod.object({
          preview: zod
            .object({
              resourceArn: zod.string(),
              resourceType: zod.string(),
              accountId: zod.string(),
              region: zod.string(),
              actions: zod.array(zod.string()),
              durationMinutes: zod.number(),
              expiresAt: zod.string(),
              maxDurationMinutes: zod.number(),
              trustPolicy: zod.record(zod.unknown()),
              permissionPolicy: zod.record(zod.unknown()),
              approval: zod.object({
                mode: zod.enum(['auto', 'owner', 'groups']),
                count: zod.number().optional(),
                approverGroups: zod.array(zod.string()).optional(),
              }),
              breakGlass: zod
                .object({
                  allowed: zod.boolean(),
                  maxDurationMinutes: zod.number(),
                })
                .optional(),
              sensitiveActions: zod.array(
                zod.object({ action: zod.string(), accessLevel: zod.string() }),
              ),
            })
            .passthrough(),
        }),
    },
    action: async ({ input, credentials }) => {
      const caller = await writeCaller(credentials);
      await authorization.authorizeBasic(credentials, grantCreatePermission);
      await options.inventoryReadiness?.assertReady();
      const preview = await grants.previewGrant(input, caller);
      return { output: { preview: { ...preview } } };
    },
  });

  registry.register({
    name: 'list-iam-actions',
    title: 'List the IAM actions that apply to an AWS resource',
    description:
      'Lists the IAM actions (with their access level: List, Read, Write, Tagging, Permissions management) that can be requested on a resource ARN.',
    visibilityPermission,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: zod => zod.object({ resourceArn: zod.string() }),
      output: zod =>
        zod.object({
          items: zod.array(
            zod.object({
              action: zod.string(),
              accessLevel: zod.string(),
              description: zod.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorization.authorizeBasic(credentials, grantCreatePermission);
      return { output: { items: grants.listActions(input.resourceArn) } };
    },
  });

  registry.register({
    name: 'list-my-grants',
    title: 'List my AWS access grants',
    description:
      'Lists your own grants, newest first (scope mine), or the pending requests you may approve (scope awaiting-my-approval). ' +
      'Filter by state; page with limit and the nextCursor of the previous answer.',
    visibilityPermission,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: zod =>
        zod.object({
          scope: zod
            .enum(['mine', 'awaiting-my-approval'])
            .default('mine')
            .describe(
              'mine: grants you requested; awaiting-my-approval: pending requests of others you may approve',
            ),
          state: zod.array(zod.enum(GRANT_STATES)).optional(),
          resourceArn: zod.string().optional(),
          limit: zod
            .number()
            .int()
            .min(1)
            .max(GRANT_LIMITS.maxListLimit)
            .optional(),
          cursor: zod.string().optional(),
        }),
      output: zod =>
        zod.object({
          items: zod.array(grantSchema(zod)),
          nextCursor: zod.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      const approving = input.scope === 'awaiting-my-approval';
      const filter = await authorization.listFilter(
        credentials,
        approving ? grantApprovePermission : grantReadPermission,
      );
      const page = await grants.listGrants(
        {
          ...(approving
            ? { state: ['pending'] }
            : { requester: caller.userEntityRef, state: input.state }),
          resourceArn: input.resourceArn,
          limit: input.limit,
          cursor: input.cursor,
        },
        filter,
      );
      const items = page.items
        // One's own requests are never one's to approve.
        .filter(g => !approving || g.requester !== caller.userEntityRef)
        .map(g => describeGrant(grants.present(g)));
      return {
        output: {
          items,
          ...(page.nextCursor && { nextCursor: page.nextCursor }),
        },
      };
    },
  });

  registry.register({
    name: 'get-grant',
    title: 'Get an AWS access grant',
    description:
      'One grant with its history: state, role ARN, expiry, the AWS CLI profile to use it, who must approve, and every event.',
    visibilityPermission,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: zod => zod.object({ grantId: grantIdInput(zod) }),
      output: zod =>
        zod.object({
          grant: grantSchema(zod),
          events: zod.array(
            zod.object({
              type: zod.string(),
              fromState: zod.string().optional(),
              toState: zod.string().optional(),
              actor: zod.string(),
              reason: zod.string().optional(),
              createdAt: zod.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorization.authorizedGrant(
        credentials,
        grantReadPermission,
        input.grantId,
        'see',
      );
      const { grant, events } = await grants.getGrant(input.grantId);
      return {
        output: {
          grant: describeGrant(grants.present(grant)),
          events: events.map(describeEvent),
        },
      };
    },
  });

  const grantAction = changeActionRegistrar<GrantRecord>({
    registry,
    visibilityPermission,
    idField: 'grantId',
    idInput: grantIdInput,
    output: grantOutput,
    callerOf: writeCaller,
    authorize: (credentials, permission, id, verb) =>
      authorization.authorizedGrant(credentials, permission, id, verb),
    present: record => out(record).output,
  });

  grantAction({
    name: 'revoke-grant',
    title: 'Revoke an AWS access grant',
    description:
      'Ends a grant now: its IAM role loses its policy and is deleted. A pending request is cancelled. Revoking an ended grant changes nothing.',
    attributes: { destructive: true, idempotent: true },
    permission: grantRevokePermission,
    verb: 'revoke',
    input: reasonInput,
    run: (id, body, caller) => grants.revokeGrant(id, body, caller),
  });
  grantAction({
    name: 'extend-grant',
    title: 'Extend an AWS access grant',
    description:
      'Extends an active grant by durationMinutes (from its current expiry), within the configured maximum and total lifetime. ' +
      'Where the approval rules ask for approval, extension is refused: request access anew instead.',
    attributes: { destructive: false, idempotent: false },
    permission: grantExtendPermission,
    verb: 'extend',
    input: zod =>
      zod.object({
        durationMinutes: zod.number().int().positive(),
        reason: zod.string().optional(),
      }),
    run: (id, body, caller) => grants.extendGrant(id, body, caller),
  });
  grantAction({
    name: 'cancel-request',
    title: 'Cancel a pending AWS access request',
    description:
      'Withdraws a request still waiting for approval; it ends cancelled. An active grant is revoked with revoke-grant instead.',
    attributes: { destructive: true, idempotent: true },
    permission: grantRevokePermission,
    verb: 'cancel',
    input: reasonInput,
    run: (id, body, caller) => grants.cancelGrant(id, body, caller),
  });
  grantAction({
    name: 'approve-request',
    title: 'Approve a pending AWS access request',
    description:
      'Records your approval of someone else’s pending request (never your own). The approval that completes the requirement starts provisioning, and the grant’s clock starts then.',
    attributes: { destructive: false, idempotent: false },
    permission: grantApprovePermission,
    verb: 'approve',
    input: commentInput,
    run: (id, body, caller) => grants.approveGrant(id, body, caller),
  });
  grantAction({
    name: 'reject-request',
    title: 'Reject a pending AWS access request',
    description:
      'Rejects someone else’s pending request; it ends rejected. One approver’s rejection is enough.',
    attributes: { destructive: true, idempotent: false },
    permission: grantApprovePermission,
    verb: 'reject',
    input: commentInput,
    run: (id, body, caller) => grants.rejectGrant(id, body, caller),
  });

  if (options.breakGlassReviewing) {
    registerBreakGlassActions({
      registry,
      reviewing: options.breakGlassReviewing,
      callerOf,
    });
  }
}

function registerBreakGlassActions(options: {
  registry: ActionsRegistryService;
  reviewing: BreakGlassReviewing;
  callerOf: (credentials: BackstageCredentials) => Promise<Caller>;
}) {
  const { registry, reviewing, callerOf } = options;
  const reviewSchema = (zod: typeof z) =>
    zod.object({
      grantId: zod.string(),
      requester: zod.string(),
      state: zod.enum(['pending', 'confirmed', 'flagged']),
      createdAt: zod.string(),
      reviewedBy: zod.string().optional(),
      reviewedAt: zod.string().optional(),
      comment: zod.string().optional(),
    });
  const itemSchema = (zod: typeof z) =>
    zod.object({ grant: grantSchema(zod), review: reviewSchema(zod) });
  registry.register({
    name: 'list-break-glass-reviews',
    title: 'List break-glass grants to review',
    description:
      'Break-glass grants (self-approved in an emergency) that you may review as an approver of their rule, newest first; state pending by default.',
    visibilityPermission: grantCreatePermission,
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: zod =>
        zod.object({
          state: zod
            .array(zod.enum(['pending', 'confirmed', 'flagged']))
            .optional(),
          limit: zod.number().int().min(1).max(200).optional(),
          cursor: zod.string().optional(),
        }),
      output: zod =>
        zod.object({
          items: zod.array(itemSchema(zod)),
          nextCursor: zod.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      const page = await reviewing.list(credentials, caller, input);
      return {
        output: {
          items: page.items.map(i => ({
            grant: describeGrant(i.grant),
            review: i.review,
          })),
          ...(page.nextCursor && { nextCursor: page.nextCursor }),
        },
      };
    },
  });
  registry.register({
    name: 'review-break-glass',
    title: 'Confirm or flag a break-glass grant',
    description:
      'Records your review of someone else’s break-glass grant: confirm (the emergency was real) or flag (audited at high severity). Once per grant.',
    visibilityPermission: grantCreatePermission,
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: zod =>
        zod.object({
          grantId: zod.string().min(1).max(64),
          decision: zod.enum(['confirm', 'flag']),
          comment: zod.string().optional(),
        }),
      output: itemSchema,
    },
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      const { grantId, ...body } = input;
      const item = await reviewing.review(credentials, caller, grantId, body);
      return {
        output: { grant: describeGrant(item.grant), review: item.review },
      };
    },
  });
}

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

function describeEvent(event: GrantEvent) {
  return {
    type: event.type,
    fromState: event.fromState,
    toState: event.toState,
    actor: event.actor,
    reason: event.reason,
    createdAt: event.createdAt,
  };
}
