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
  decisionRequestSchema,
  extendGrantRequestSchema,
  grantApprovePermission,
  grantExtendPermission,
  grantRevokePermission,
  revokeGrantRequestSchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod/v3';
import { GrantRecord } from '../database/types';
import { Caller } from '../service/authorization';
import { parseInput } from '../service/parseInput';
import {
  GrantActionsContext,
  grantIdInput,
  grantOutput,
  grantOutputOf,
} from './grantActionSchemas';

/** The changes to one grant: revoke, extend, cancel, approve, reject. */
export function registerChangeActions(ctx: GrantActionsContext): void {
  const { registry, grants, authorization, callerOf, visibilityPermission } =
    ctx;
  const out = (record: GrantRecord) => grantOutputOf(grants, record);

  const grantAction = (spec: {
    name: string;
    title: string;
    description: string;
    attributes: { destructive: boolean; idempotent: boolean };
    permission: typeof grantRevokePermission | typeof grantExtendPermission;
    verb: string;
    input: (zod: typeof z) => z.AnyZodObject;
    /** Validates `body` with the REST API's schema and acts on the grant. */
    run: (
      grant: GrantRecord,
      body: Record<string, unknown>,
      caller: Caller,
    ) => Promise<GrantRecord>;
  }) =>
    registry.register({
      name: spec.name,
      title: spec.title,
      description: spec.description,
      visibilityPermission,
      attributes: { readOnly: false, ...spec.attributes },
      schema: {
        input: zod => spec.input(zod).extend({ grantId: grantIdInput(zod) }),
        output: grantOutput,
      },
      action: async ({ input, credentials }) => {
        const caller = await callerOf(credentials);
        const { grantId, ...body } = input as Record<string, unknown> & {
          grantId: string;
        };
        const grant = await authorization.authorizedGrant(
          credentials,
          spec.permission,
          grantId,
          spec.verb,
        );
        return out(await spec.run(grant, body, caller));
      },
    });

  const reasonInput = (zod: typeof z) =>
    zod.object({ reason: zod.string().optional() });
  const commentInput = (zod: typeof z) =>
    zod.object({ comment: zod.string().optional() });

  grantAction({
    name: 'revoke-grant',
    title: 'Revoke an AWS access grant',
    description:
      'Ends a grant now: its IAM role loses its policy and is deleted. A pending request is cancelled. Revoking an ended grant changes nothing.',
    attributes: { destructive: true, idempotent: true },
    permission: grantRevokePermission,
    verb: 'revoke',
    input: reasonInput,
    run: (grant, body, caller) =>
      grants.revokeGrant(
        grant,
        parseInput(revokeGrantRequestSchema, body),
        caller,
      ),
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
    run: (grant, body, caller) =>
      grants.extendGrant(
        grant,
        parseInput(extendGrantRequestSchema, body),
        caller,
      ),
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
    run: (grant, body, caller) =>
      grants.cancelGrant(
        grant,
        parseInput(revokeGrantRequestSchema, body),
        caller,
      ),
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
    run: (grant, body, caller) =>
      grants.approveGrant(
        grant,
        parseInput(decisionRequestSchema, body),
        caller,
      ),
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
    run: (grant, body, caller) =>
      grants.rejectGrant(
        grant,
        parseInput(decisionRequestSchema, body),
        caller,
      ),
  });
}
