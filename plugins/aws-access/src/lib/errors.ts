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

import { ResponseError } from '@backstage/errors';
import { humanizeApiMessage } from '@backstage-aws-access/plugin-aws-access-common';

/**
 * The message of a failed call as the API worded it: a `ResponseError`'s own
 * message is only "Request failed with 400 Bad Request"; the server's
 * sentence (e.g. "reason is required") is in its cause. Field names read
 * as the form labels them ("Duration", not "durationMinutes") and entity
 * refs as names.
 */
export function apiErrorMessage(error: unknown): string {
  return humanizeApiMessage(rawMessage(error));
}

function rawMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
