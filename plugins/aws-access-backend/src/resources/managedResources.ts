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
import { StrictArn } from './strictArn';

/** Names of what the onboarding stack puts in every account. */
export interface ManagedNames {
  /** IAM path of the grant roles, e.g. `/backstage-access/`. */
  rolePath: string;
  /** Roles the backend itself acts through (manager, reader). */
  serviceRoleNames: string[];
  /** Managed policies the stack owns (the grant boundary). */
  policyNames: string[];
}

/**
 * Why `arn` is part of the access system itself and so can never be a
 * grant's target, or `undefined` when it is an ordinary resource. A grant
 * on a grant role, on the manager or reader role, or on the boundary would
 * let its holder (or whoever the holder colludes with) rewrite what
 * another grant allows or make it outlive its expiry.
 */
export function managedResourceProblem(
  arn: StrictArn,
  names: ManagedNames,
): string | undefined {
  if (arn.service !== 'iam' && arn.service !== 'sts') {
    return undefined;
  }
  const [kind, ...rest] = arn.resource.split('/');
  const path = `/${rest.slice(0, -1).join('/')}${rest.length > 1 ? '/' : ''}`;
  const name = rest[rest.length - 1] ?? '';
  const lower = (s: string) => s.toLowerCase();
  // IAM names are case-insensitive: `backstageaccessmanager` is the manager.
  const isServiceRole = names.serviceRoleNames.some(
    n => lower(n) === lower(name),
  );
  const underRolePath =
    lower(`/${rest.join('/')}`).startsWith(lower(names.rolePath)) ||
    lower(path).startsWith(lower(names.rolePath));
  if (arn.service === 'iam' && kind === 'role') {
    if (underRolePath || arn.isPrefix) {
      return 'is a role under the path the access system manages; grant roles cannot be granted on';
    }
    if (isServiceRole) {
      return "is one of the access system's own roles and cannot be granted on";
    }
  }
  if (
    arn.service === 'iam' &&
    kind === 'policy' &&
    names.policyNames.some(n => lower(n) === lower(name))
  ) {
    return "is the access system's permissions boundary and cannot be granted on";
  }
  if (arn.service === 'sts' && kind === 'assumed-role') {
    // `assumed-role/ROLE/SESSION` names the role without its path, so a
    // session of any role could be a grant's: none is grantable.
    return 'is a role session; sessions cannot be granted on';
  }
  return undefined;
}

/** Throws `InputError` when {@link managedResourceProblem} finds one. */
export function assertNotManaged(arn: StrictArn, names: ManagedNames): void {
  const problem = managedResourceProblem(arn, names);
  if (problem) {
    throw new InputError(`resourceArn: ${arn.arn} ${problem}`);
  }
}
