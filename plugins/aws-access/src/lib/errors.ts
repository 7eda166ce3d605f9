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
