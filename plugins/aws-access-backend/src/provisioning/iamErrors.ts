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

/**
 * The call's answer, or undefined when IAM says what it names does not
 * exist: for reads that may race a deletion and deletes that may repeat.
 */
export async function unlessNoSuchEntity<T>(
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNoSuchEntity(error)) {
      return undefined;
    }
    throw error;
  }
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
