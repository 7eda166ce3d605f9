import { ResponseError } from '@backstage/errors';

/**
 * The message of a failed call as the API worded it: a `ResponseError`'s own
 * message is only "Request failed with 400 Bad Request"; the server's
 * sentence (e.g. "reason is required") is in its cause.
 */
export function apiErrorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
