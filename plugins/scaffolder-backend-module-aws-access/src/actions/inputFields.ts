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

import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
// zod/v3, not zod 4 as elsewhere: Backstage types action schemas on it
// (`(zod: typeof z) => …` with `z` from 'zod/v3', in backend-plugin-api's
// actions registry and scaffolder-node's createTemplateAction).
import { z } from 'zod/v3';

/** Kept in the audit, so blank and overlong reasons are refused here. */
const reason = (description: string) => (zImpl: typeof z) =>
  zImpl.string({ description }).trim().min(1).max(GRANT_LIMITS.maxReasonLength);

/**
 * The input fields the actions share, so that a duration or a reason is
 * checked the same way whichever action a template calls; each action words
 * its own description.
 */
export const sharedField = {
  /** The id of an existing grant, as aws:access:request outputs it. */
  grantId: (description: string) => (zImpl: typeof z) =>
    zImpl.string({ description }).min(1),

  /** A whole number of minutes, at least one. */
  durationMinutes: (description: string) => (zImpl: typeof z) =>
    zImpl.number({ description }).int().min(1),

  /** IAM actions to allow, as many as a grant may carry. */
  actions: (description: string) => (zImpl: typeof z) =>
    zImpl
      .array(zImpl.string(), { description })
      .min(1)
      .max(GRANT_LIMITS.maxActions),

  reason,

  /** A reason the caller may leave out, checked as `reason` when given. */
  optionalReason: (description: string) => (zImpl: typeof z) =>
    reason(description)(zImpl).optional(),

  /** An account id for ARNs that carry none (S3 buckets); optional. */
  accountId: (description: string) => (zImpl: typeof z) =>
    zImpl
      .string({ description })
      .regex(/^\d{12}$/, 'must be 12 digits')
      .optional(),
};
