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

// The fields the request schemas share; internal to -common, not exported.
import { z } from 'zod';
import { GRANT_LIMITS } from './constants';
import { isBlankText, userTextProblem } from './userText';

export const durationMinutes = z
  .number({
    error: issue =>
      issue.input === undefined
        ? 'durationMinutes is required'
        : 'durationMinutes must be a number',
  })
  .int('durationMinutes must be a whole number of minutes')
  .min(1, 'durationMinutes must be at least 1');

/** Free text other people read: see {@link userTextProblem}. */
export const userText = (field: string, maxLength: number, required: boolean) =>
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

export const reason = userText('reason', GRANT_LIMITS.maxReasonLength, true);

/** An optional note: one that shows nothing is no note at all. */
export const optionalNote = (field: string, maxLength: number) =>
  userText(field, maxLength, false)
    .optional()
    .transform(text =>
      text === undefined || isBlankText(text) ? undefined : text,
    );

export const resourceArn = z
  .string({
    error: issue =>
      issue.input === undefined
        ? 'resourceArn is required'
        : 'resourceArn must be a string',
  })
  .min(1, 'resourceArn is required');

export const actions = z
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

export const accountId = z
  .string({ error: 'accountId must be a string' })
  .regex(/^\d{12}$/, 'accountId must be 12 digits')
  .optional();
