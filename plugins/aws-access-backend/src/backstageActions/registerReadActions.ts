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
  GRANT_LIMITS,
  GRANT_STATES,
  grantApprovePermission,
  grantReadPermission,
  listGrantsQuerySchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { parseInput } from '../http/parseInput';
import { pageInput, pageOf, pageOutput } from './actionPages';
import {
  describeEvent,
  describeGrant,
  GrantActionsContext,
  grantIdInput,
  grantSchema,
  readOnlyAttributes,
} from './grantActionSchemas';

/** `list-my-grants` and `get-grant`. */
export function registerReadActions(ctx: GrantActionsContext): void {
  const { registry, grants, authorization, callerOf, visibilityPermission } =
    ctx;

  registry.register({
    name: 'list-my-grants',
    title: 'List my AWS access grants',
    description:
      'Lists your own grants, newest first (scope mine), or the pending requests you may approve (scope awaiting-my-approval). ' +
      'Filter by state; page with limit and the nextCursor of the previous answer.',
    visibilityPermission,
    attributes: readOnlyAttributes,
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
          ...pageInput(zod, GRANT_LIMITS.maxListLimit),
        }),
      output: zod => pageOutput(zod, grantSchema(zod)),
    },
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      const approving = input.scope === 'awaiting-my-approval';
      const filter = await authorization.listFilter(
        credentials,
        approving ? grantApprovePermission : grantReadPermission,
      );
      const page = await grants.listGrants(
        parseInput(listGrantsQuerySchema, {
          ...(approving
            ? { state: ['pending'] }
            : { requester: caller.userEntityRef, state: input.state }),
          resourceArn: input.resourceArn,
          limit: input.limit,
          cursor: input.cursor,
        }),
        filter,
      );
      const decidable = {
        ...page,
        // One's own requests are never one's to approve.
        items: page.items.filter(
          g => !approving || g.requester !== caller.userEntityRef,
        ),
      };
      return {
        output: pageOf(decidable, g => describeGrant(grants.present(g))),
      };
    },
  });

  registry.register({
    name: 'get-grant',
    title: 'Get an AWS access grant',
    description:
      'One grant with its history: state, role ARN, expiry, the AWS CLI profile to use it, who must approve, and every event.',
    visibilityPermission,
    attributes: readOnlyAttributes,
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
      const grant = await authorization.authorizedGrant(
        credentials,
        grantReadPermission,
        input.grantId,
        'see',
      );
      const events = await grants.listEvents(grant);
      return {
        output: {
          grant: describeGrant(grants.present(grant)),
          events: events.map(describeEvent),
        },
      };
    },
  });
}
