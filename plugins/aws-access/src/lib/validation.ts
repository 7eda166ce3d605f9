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

import { humanizeApiMessage } from '@backstage-aws-access/plugin-aws-access-common';

/** The part of a zod schema this helper needs; keeps zod out of our deps. */
export interface SafeParser {
  safeParse(value: unknown):
    | { success: true }
    | {
        success: false;
        error: {
          issues: ReadonlyArray<{
            path: ReadonlyArray<PropertyKey>;
            message: string;
          }>;
        };
      };
}

/**
 * Runs a request schema from `-common` over a form's values and returns the
 * first message per top-level field, worded as the API words them, with
 * field names as the form labels them.
 */
export function fieldErrors(
  schema: SafeParser,
  value: unknown,
): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) {
    return {};
  }
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field && !(field in errors)) {
      errors[field] = humanizeApiMessage(issue.message);
    }
  }
  return errors;
}
