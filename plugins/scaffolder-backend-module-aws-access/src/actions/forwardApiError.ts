import {
  ConflictError,
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
