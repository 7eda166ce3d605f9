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
  breakGlassReviewRequestSchema,
  grantCreatePermission,
  listBreakGlassReviewsQuerySchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod/v3';
import { BreakGlassReviewing } from '../breakGlass/breakGlassRouter';
import { Caller } from '../permissions/caller';
import { parseInput } from '../http/parseInput';
import { pageInput, pageOf, pageOutput } from './actionPages';
import {
  describeGrant,
  grantSchema,
  readOnlyAttributes,
} from './grantActionSchemas';

/** `list-break-glass-reviews` and `review-break-glass`. */
export function registerBreakGlassActions(options: {
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
    attributes: readOnlyAttributes,
    schema: {
      input: zod =>
        zod.object({
          state: zod
            .array(zod.enum(['pending', 'confirmed', 'flagged']))
            .optional(),
          ...pageInput(zod, 200),
        }),
      output: zod => pageOutput(zod, itemSchema(zod)),
    },
    action: async ({ input, credentials }) => {
      const caller = await callerOf(credentials);
      const page = await reviewing.list(
        credentials,
        caller,
        parseInput(listBreakGlassReviewsQuerySchema, input),
      );
      return {
        output: pageOf(page, i => ({
          grant: describeGrant(i.grant),
          review: i.review,
        })),
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
      const item = await reviewing.review(
        credentials,
        caller,
        grantId,
        parseInput(breakGlassReviewRequestSchema, body),
      );
      return {
        output: { grant: describeGrant(item.grant), review: item.review },
      };
    },
  });
}
