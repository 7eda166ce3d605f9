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

import { z } from 'zod';
import { GRANT_LIMITS } from './constants';
import {
  accountId,
  actions,
  durationMinutes,
  optionalNote,
  reason,
  resourceArn,
} from './schemaFields';

/**
 * Body of `POST /grants`. Unknown fields are refused, not ignored.
 *
 * @public
 */
export const createGrantRequestSchema = z
  .object({
    resourceArn,
    actions,
    durationMinutes,
    reason,
    accountId,
    /**
     * Break-glass: approve one's own request in an emergency, where an
     * approval rule allows it (`breakGlass: true`). `confirmed` must be
     * `true`; the reason must be at least
     * {@link BREAK_GLASS_MIN_REASON_LENGTH} characters.
     */
    breakGlass: z
      .object(
        {
          confirmed: z.literal(true, {
            error:
              'breakGlass.confirmed must be true: confirm that this is an emergency',
          }),
        },
        { error: 'breakGlass must be { confirmed: true }' },
      )
      .strict()
      .optional(),
  })
  .strict();

/**
 * The shortest reason a break-glass request may give.
 *
 * @public
 */
export const BREAK_GLASS_MIN_REASON_LENGTH = 20;

/**
 * Body of `POST /break-glass/reviews/:grantId`.
 *
 * @public
 */
export const breakGlassReviewRequestSchema = z
  .object({
    decision: z.enum(['confirm', 'flag'], {
      error: 'decision must be confirm or flag',
    }),
    comment: optionalNote('comment', GRANT_LIMITS.maxCommentLength),
  })
  .strict();

/** @public */
export type CreateGrantRequest = z.input<typeof createGrantRequestSchema>;

/**
 * Body of `POST /grants/:id/extend`.
 *
 * @public
 */
export const extendGrantRequestSchema = z
  .object({
    durationMinutes,
    reason: optionalNote('reason', GRANT_LIMITS.maxReasonLength),
  })
  .strict();

/** @public */
export type ExtendGrantRequest = z.input<typeof extendGrantRequestSchema>;

/**
 * Body of `POST /grants/:id/revoke`.
 *
 * @public
 */
export const revokeGrantRequestSchema = z
  .object({ reason: optionalNote('reason', GRANT_LIMITS.maxReasonLength) })
  .strict();

/** @public */
export type RevokeGrantRequest = z.input<typeof revokeGrantRequestSchema>;

/**
 * Body of `POST /grants/:id/approve` and `/reject`.
 *
 * @public
 */
export const decisionRequestSchema = z
  .object({
    comment: optionalNote('comment', GRANT_LIMITS.maxCommentLength),
  })
  .strict();

/** @public */
export type DecisionRequest = z.input<typeof decisionRequestSchema>;

/**
 * Turns a zod failure into one sentence naming each bad field, so that API
 * errors and form messages read the same.
 *
 * @public
 */
export function describeZodError(error: {
  issues: ReadonlyArray<{
    code: string;
    path: ReadonlyArray<PropertyKey>;
    message: string;
    keys?: ReadonlyArray<string>;
  }>;
}): string {
  return error.issues
    .map(issue => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys' && issue.keys) {
        // Nested (a bundle's target): say which one.
        const where = path ? `${path}: ` : '';
        return `${where}unknown field(s): ${issue.keys.join(', ')}`;
      }
      return path && !issue.message.startsWith(String(issue.path[0]))
        ? `${path}: ${issue.message}`
        : issue.message;
    })
    .join('; ');
}

/**
 * One part of `POST /bundles`: a resource and the actions wanted on it.
 * `accountId` picks among the accounts where the exact ARN is catalogued,
 * as for a single grant.
 *
 * @public
 */
export const bundleTargetSchema = z
  .object({ resourceArn, actions, accountId })
  .strict();

/**
 * Body of `POST /bundles` and `POST /bundles/preview`: several resources,
 * in one or several accounts, requested with one reason for one duration.
 * Approval is one decision over the whole bundle; it produces one role per
 * account, and every role expires at the same time.
 *
 * @public
 */
export const createBundleRequestSchema = z
  .object({
    targets: z
      .array(bundleTargetSchema, {
        error: issue =>
          issue.input === undefined
            ? 'targets is required'
            : 'targets must be an array of { resourceArn, actions }',
      })
      .min(1, 'targets must name at least one resource')
      .max(
        GRANT_LIMITS.maxBundleTargets,
        `targets may name at most ${GRANT_LIMITS.maxBundleTargets} resources`,
      ),
    durationMinutes,
    reason,
  })
  .strict();

/** @public */
export type CreateBundleRequest = z.input<typeof createBundleRequestSchema>;
/** @public */
export type BundleTargetRequest = z.input<typeof bundleTargetSchema>;

/**
 * Body of `POST /onboarding/new`: the account to prepare. The name and
 * region only shape the config snippet; the region defaults to us-east-1.
 *
 * @public
 */
export const newAccountRequestSchema = z
  .object({
    accountId: z
      .string({
        error: issue =>
          issue.input === undefined
            ? 'accountId is required'
            : 'accountId must be a string',
      })
      .trim()
      .regex(/^\d{12}$/, 'accountId must be 12 digits'),
    name: z.string({ error: 'name must be a string' }).trim().optional(),
    region: z
      .string({ error: 'region must be a string' })
      .trim()
      .refine(
        region => region === '' || /^[a-z]{2}(-[a-z]+)+-\d$/.test(region),
        'region must be an AWS region name, such as us-east-1',
      )
      .optional(),
  })
  .strict();

/** @public */
export type NewAccountRequest = z.input<typeof newAccountRequestSchema>;
