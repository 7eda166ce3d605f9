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
  createGrantRequestSchema,
  GRANT_LIMITS,
  grantCreatePermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod/v3';
import { parseInput } from '../http/parseInput';
import {
  GrantActionsContext,
  grantOutput,
  grantOutputOf,
  readOnlyAttributes,
} from './grantActionSchemas';

/** `request-access`, `preview-request` and `list-iam-actions`. */
export function registerRequestActions(ctx: GrantActionsContext): void {
  const { registry, grants, authorization, callerOf, visibilityPermission } =
    ctx;
  const out = (record: Parameters<typeof grantOutputOf>[1]) =>
    grantOutputOf(grants, record);

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
      const caller = await callerOf(credentials);
      await authorization.authorizeBasic(credentials, grantCreatePermission);
      await ctx.inventoryReadiness?.assertReady();
      return out(
        await grants.createGrant(
          parseInput(createGrantRequestSchema, input),
          caller,
        ),
      );
    },
  });

  registry.register({
    name: 'preview-request',
    title: 'Preview an AWS access request',
    description:
      'Shows what request-access would do with the same input, creating nothing: the exact IAM trust and permission policies, the expiry, the sensitive actions, and who must approve (approval.mode auto means active at once). ' +
      'Refuses exactly what request-access would refuse.',
    visibilityPermission,
    attributes: readOnlyAttributes,
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
      const caller = await callerOf(credentials);
      await authorization.authorizeBasic(credentials, grantCreatePermission);
      await ctx.inventoryReadiness?.assertReady();
      const preview = await grants.previewGrant(
        parseInput(createGrantRequestSchema, input),
        caller,
      );
      return { output: { preview: { ...preview } } };
    },
  });

  registry.register({
    name: 'list-iam-actions',
    title: 'List the IAM actions that apply to an AWS resource',
    description:
      'Lists the IAM actions (with their access level: List, Read, Write, Tagging, Permissions management) that can be requested on a resource ARN.',
    visibilityPermission,
    attributes: readOnlyAttributes,
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
}
