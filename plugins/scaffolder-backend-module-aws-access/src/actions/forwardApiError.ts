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

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  isError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

const ERRORS_BY_NAME: Record<string, new (message: string) => Error> = {
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
};

/**
 * Rethrows a failed aws-access API call as an error a template user can act
 * on. `ResponseError`'s own message only says "Request failed with 400 Bad
 * Request"; the reason (e.g. "actions: s3:Foo is not an S3 bucket action")
 * is in the error body, so that is what the task log shows, keeping the
 * error's type where it is one of Backstage's own.
 */
export function forwardApiError(what: string, error: unknown): never {
  if (ResponseError.is(error)) {
    const ErrorType = ERRORS_BY_NAME[error.cause.name] ?? Error;
    throw new ErrorType(`${what}: ${error.cause.message}`);
  }
  throw error;
}

/**
 * The error a template user sees: one line, the same type, no stack trace
 * with the server's file paths. The full error, stack included, goes to the
 * task log through `logger`.
 */
export function oneLineError(error: unknown, logger: LoggerService): Error {
  if (!isError(error)) {
    return new Error(String(error));
  }
  logger.error(error.stack ?? String(error));
  const message = error.message.split('\n')[0];
  const ErrorType = ERRORS_BY_NAME[error.name] ?? Error;
  const clean = new ErrorType(message);
  clean.stack = `${clean.name}: ${message}`;
  return clean;
}

/** `in 59 minutes (Tue, 01 Dec 2026 10:59:00 GMT)`: relative, then the moment itself. */
export function describeExpiry(expiresAt: string, now = Date.now()): string {
  const minutes = Math.max(
    0,
    Math.round((Date.parse(expiresAt) - now) / 60_000),
  );
  const relative =
    minutes < 60
      ? `in ${minutes} minute${minutes === 1 ? '' : 's'}`
      : `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${relative} (${new Date(expiresAt).toUTCString()})`;
}
