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
import { GRANT_STATES } from './types';
import { resourceArn } from './schemaFields';

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
