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

import { ConflictError } from '@backstage/errors';

/**
 * The 409 answer to a request identical to a live grant carries that
 * grant's id as `error.grantId` in the Backstage error body, so a client
 * can link to it and offer Extend without parsing the message.
 *
 * @public
 */
export const DUPLICATE_GRANT_ERROR_FIELD = 'grantId';

/**
 * A ConflictError naming the grant the request duplicates.
 *
 * @public
 */
export function duplicateGrantError(
  message: string,
  grantId: string,
): ConflictError & { grantId: string } {
  return Object.assign(new ConflictError(message), { grantId });
}

/**
 * The id of the existing grant a failed create pointed at: from a
 * `ResponseError` (client side, `body.error.grantId`) or from the error
 * itself (server side). Undefined for any other error.
 *
 * @public
 */
export function duplicateGrantIdOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  const candidates = [
    error as Record<string, unknown>,
    ((error as { body?: { error?: unknown } }).body?.error ?? {}) as Record<
      string,
      unknown
    >,
  ];
  for (const candidate of candidates) {
    const id = candidate[DUPLICATE_GRANT_ERROR_FIELD];
    if (candidate.name === 'ConflictError' && typeof id === 'string') {
      return id;
    }
  }
  return undefined;
}
