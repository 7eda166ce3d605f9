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
import { GRANT_STATES } from './types';
import { isBlankText, userTextProblem } from './userText';

/**
 * Limits shared by the API and the request form, so both say the same.
 *
 * @public
 */
export const GRANT_LIMITS = {
  maxActions: 50,
  maxReasonLength: 500,
  maxCommentLength: 1000,
  defaultListLimit: 50,
  maxListLimit: 500,
  /** Most resources one bundle request may name. */
  maxBundleTargets: 20,
} as const;

const durationMinutes = z
  .number({
    error: issue =>
      issue.input === undefined
        ? 'durationMinutes is required'
        : 'durationMinutes must be a number',
  })
  .int('durationMinutes must be a whole number of minutes')
  .min(1, 'durationMinutes must be at least 1');

/** Free text other people read: see {@link userTextProblem}. */
const userText = (field: string, maxLength: number, required: boolean) =>
  z
    .string({
      error: issue =>
        issue.input === undefined
          ? `${field} is required`
          : `${field} must be a string`,
    })
    .trim()
    .max(maxLength, `${field} must be at most ${maxLength} characters`)
    .superRefine((text, ctx) => {
      const problem = userTextProblem(field, text, { required });
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    });

const reason = userText('reason', GRANT_LIMITS.maxReasonLength, true);

/** An optional note: one that shows nothing is no note at all. */
const optionalNote = (field: string, maxLength: number) =>
  userText(field, maxLength, false)
    .optional()
    .transform(text =>
      text === undefined || isBlankText(text) ? undefined : text,
    );

const resourceArn = z
  .string({
    error: issue =>
      issue.input === undefined
        ? 'resourceArn is required'
        : 'resourceArn must be a string',
  })
  .min(1, 'resourceArn is required');

const actions = z
  .array(z.string({ error: 'actions must be strings' }), {
    error: issue =>
      issue.input === undefined
        ? 'actions is required'
        : 'actions must be an array of strings',
  })
  .min(1, 'actions must name at least one action')
  .max(
    GRANT_LIMITS.maxActions,
    `actions may name at most ${GRANT_LIMITS.maxActions} actions`,
  );

const accountId = z
  .string({ error: 'accountId must be a string' })
  .regex(/^\d{12}$/, 'accountId must be 12 digits')
  .optional();

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
 * A query parameter given once or repeated, as a list. Wrapped before it is
 * checked (not a union), so that a bad value is named with its message.
 */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value: z.input<T> | z.input<T>[]) =>
      value === undefined || Array.isArray(value) ? value : [value],
    z.array(item),
  );

/**
 * Query of `GET /grants`.
 *
 * @public
 */
export const listGrantsQuerySchema = z
  .object({
    state: oneOrMany(
      z.enum(GRANT_STATES, {
        error: `state must be one of ${GRANT_STATES.join(', ')}`,
      }),
    ).optional(),
    requester: z.string().min(1).optional(),
    resourceArn: z.string().min(1).optional(),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'accountId must be 12 digits')
      .optional(),
    // The query string holds text; callers of the typed client pass numbers.
    limit: z.coerce
      .number<number>({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(
        GRANT_LIMITS.maxListLimit,
        `limit must be at most ${GRANT_LIMITS.maxListLimit}`,
      )
      .optional(),
    cursor: z.string().min(1).optional(),
  })
  .strict();

/** @public */
export type ListGrantsQuery = z.input<typeof listGrantsQuerySchema>;
/** @public */
export type ListGrantsFilter = z.output<typeof listGrantsQuerySchema>;

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
 * Query of `GET /actions`: the resource whose IAM actions to list.
 *
 * @public
 */
export const listActionsQuerySchema = z.object({ resourceArn }).strict();

const pageLimit = (max: number, fallback: number) =>
  z.coerce
    .number<number>({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(max, `limit must be at most ${max}`)
    .default(fallback);

const REVIEW_STATES = ['pending', 'confirmed', 'flagged'] as const;

/**
 * Query of `GET /break-glass/reviews`: the review states to list (pending
 * unless said) and the page. The cursor is the offset the last page gave.
 *
 * @public
 */
export const listBreakGlassReviewsQuerySchema = z
  .object({
    state: oneOrMany(
      z.enum(REVIEW_STATES, {
        error: `state must be one of ${REVIEW_STATES.join(', ')}`,
      }),
    ).default(['pending']),
    limit: pageLimit(200, 50),
    cursor: z.coerce
      .number<number>({ error: 'cursor is not one this API gave out' })
      .int('cursor is not one this API gave out')
      .min(0, 'cursor is not one this API gave out')
      .default(0),
  })
  .strict();

/** @public */
export type ListBreakGlassReviewsQuery = z.input<
  typeof listBreakGlassReviewsQuerySchema
>;

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

/** The longest period one access review export may cover. */
const MAX_EXPORT_DAYS = 400;

const isoTime = (field: string) =>
  z
    .string({
      error: issue =>
        issue.input === undefined
          ? `${field} is required (an ISO-8601 time)`
          : `${field} must be an ISO-8601 time`,
    })
    .refine(
      text =>
        /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text)),
      `${field} must be an ISO-8601 time`,
    )
    .transform(text => new Date(text));

/**
 * Query of `GET /export/grants`: the grants created in [from, to), at most
 * 400 days, as JSON or CSV, one page of `limit`.
 *
 * @public
 */
export const accessReviewExportQuerySchema = z
  .object({
    from: isoTime('from'),
    to: isoTime('to'),
    format: z
      .enum(['json', 'csv'], { error: 'format must be json or csv' })
      .default('json'),
    limit: pageLimit(500, 200),
    cursor: z
      .string({ error: 'cursor must be the nextCursor of a previous page' })
      .min(1, 'cursor must be the nextCursor of a previous page')
      .optional(),
  })
  .strict()
  // The period is checked only once both ends parsed as times.
  .refine(({ from, to }) => to > from, {
    path: ['to'],
    message: 'to must be later than from',
    when: ({ issues }) => issues.length === 0,
  })
  .refine(
    ({ from, to }) =>
      to.getTime() - from.getTime() <= MAX_EXPORT_DAYS * 86_400_000,
    {
      path: ['to'],
      message: `the period may be at most ${MAX_EXPORT_DAYS} days; export it in parts`,
      when: ({ issues }) => issues.length === 0,
    },
  );

/** @public */
export type AccessReviewExportQuery = z.input<
  typeof accessReviewExportQuerySchema
>;
