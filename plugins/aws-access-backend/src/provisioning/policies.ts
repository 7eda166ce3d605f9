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

import { InputError } from '@backstage/errors';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';
import { PermissionStatement } from '../iamActions/types';
import { MAX_SWITCH_ROLE_CHARS } from './naming';

/**
 * IAM quotas on policy size, in characters without whitespace. The trust
 * policy quota can be raised to 4,096 per account; 2,048 is the default.
 */
export const MAX_INLINE_ROLE_POLICY_CHARS = 10_240;
export const MAX_TRUST_POLICY_CHARS = 2_048;

/** The two policy documents of a grant's role, as IAM receives them. */
export interface GrantPolicies {
  /** Who may assume the role, until `expiresAt`. */
  trustPolicy: string;
  /** What the role may do, until `expiresAt`. */
  permissionPolicy: string;
}

/** IAM's date format: ISO 8601 in UTC, to the second. */
function iamTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Both policies carry this, so AWS itself ends the grant at expiry, even if
 * this backend is down: no new sessions, and existing sessions lose their
 * rights, because the condition is evaluated on every request.
 */
function untilExpiry(expiresAt: Date) {
  return { DateLessThan: { 'aws:CurrentTime': iamTime(expiresAt) } };
}

function checkSize(
  field: string,
  what: string,
  document: string,
  limit: number,
  advice: string,
) {
  // IAM does not count whitespace; the documents are compact anyway.
  const size = document.replace(/\s/g, '').length;
  if (size > limit) {
    throw new InputError(
      `${field}: the ${what} would be ${size} characters, over IAM's limit of ${limit}; ${advice}`,
    );
  }
}

/**
 * Renders and checks a grant's trust and permission policies. Call it
 * before touching AWS: a grant that IAM would refuse is refused here, with
 * an `InputError` naming the field to change.
 */
export function renderGrantPolicies(
  spec: Pick<GrantRoleSpec, 'trustPrincipalArns' | 'statements' | 'expiresAt'>,
  /** The request field a too-large permission policy is blamed on. */
  permissionField: { field: string; advice: string } = {
    field: 'actions',
    advice: 'request fewer actions',
  },
): GrantPolicies {
  if (spec.trustPrincipalArns.length === 0) {
    throw new InputError(
      'trustPrincipalArns: no AWS principal may assume the role; annotate the user with aws.amazon.com/principal-arn or configure trustPrincipalArns for the account',
    );
  }
  if (spec.statements.length === 0) {
    throw new InputError('actions: the grant allows no action');
  }
  if (Number.isNaN(spec.expiresAt.getTime())) {
    throw new InputError('expiresAt: not a valid date');
  }
  const condition = untilExpiry(spec.expiresAt);

  const trustPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: [...new Set(spec.trustPrincipalArns)].sort() },
        Action: 'sts:AssumeRole',
        Condition: condition,
      },
    ],
  });
  const permissionPolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: spec.statements.map(statement => ({
      Effect: 'Allow',
      Action: statement.actions,
      Resource: statement.resources,
      Condition: condition,
    })),
  });

  checkSize(
    'trustPrincipalArns',
    'trust policy',
    trustPolicy,
    MAX_TRUST_POLICY_CHARS,
    'name fewer principals',
  );
  checkSize(
    permissionField.field,
    'permission policy',
    permissionPolicy,
    MAX_INLINE_ROLE_POLICY_CHARS,
    permissionField.advice,
  );
  return { trustPolicy, permissionPolicy };
}

/** IAM's own limit on a role name, whatever the path. */
const MAX_ROLE_NAME_CHARS = 64;
/** IAM's limit on a path. */
const MAX_ROLE_PATH_CHARS = 512;

/**
 * The permission statements of a role that covers several resources (a
 * bundle's part in one account): each target's statements, in the order
 * the targets were asked for, so each resource keeps exactly its own
 * actions and no action spills over to another resource.
 */
export function multiTargetStatements(
  targets: Array<{ statements: PermissionStatement[] }>,
): PermissionStatement[] {
  return targets.flatMap(t => t.statements);
}

/**
 * Renders and checks the policies of a role over several targets, with
 * every target's statements in one inline policy. IAM counts the inline
 * policies of a role together (10,240 characters), so the whole document is
 * checked: a role over too many targets or actions is a 400 naming
 * `targets` before anything is created. The role's name and path are
 * checked against IAM's and the console's limits too.
 */
export function renderMultiTargetPolicies(spec: {
  trustPrincipalArns: string[];
  targets: Array<{ statements: PermissionStatement[] }>;
  expiresAt: Date;
  roleName: string;
  rolePath: string;
}): GrantPolicies {
  if (
    spec.roleName.length > MAX_ROLE_NAME_CHARS ||
    spec.rolePath.length > MAX_ROLE_PATH_CHARS ||
    spec.rolePath.length + spec.roleName.length > MAX_SWITCH_ROLE_CHARS
  ) {
    throw new InputError(
      `targets: the role ${spec.rolePath}${spec.roleName} would not fit IAM's limits on role names (${MAX_ROLE_NAME_CHARS} characters, ${MAX_SWITCH_ROLE_CHARS} with the path)`,
    );
  }
  return renderGrantPolicies(
    {
      trustPrincipalArns: spec.trustPrincipalArns,
      statements: multiTargetStatements(spec.targets),
      expiresAt: spec.expiresAt,
    },
    {
      field: 'targets',
      advice: 'name fewer resources or actions in one account',
    },
  );
}
