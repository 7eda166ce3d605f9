import {
  MalformedPolicyDocumentException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { InputError, NotFoundError } from '@backstage/errors';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';

// How IAM's answers are read: by the SDK's exception classes, never by name.

export function isNoSuchEntity(error: unknown): boolean {
  return error instanceof NoSuchEntityException;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * IAM's answers that say the grant itself is wrong become an
 * `InputError` naming the field, so the engine fails the grant instead of
 * retrying; a missing role becomes a `NotFoundError`.
 */
export function refusedPolicy(
  error: unknown,
  field: string,
  what: string,
  spec?: GrantRoleSpec,
): unknown {
  if (error instanceof MalformedPolicyDocumentException) {
    return new InputError(
      `${field}: IAM refused the ${what}: ${messageOf(error)}`,
    );
  }
  if (spec && isNoSuchEntity(error)) {
    return new NotFoundError(
      `IAM role ${spec.roleName} does not exist in account ${spec.accountId}`,
    );
  }
  return error;
}
