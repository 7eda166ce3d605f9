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
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  awsAccessPermissions,
  grantApprovePermission,
  grantCreatePermission,
  grantExtendPermission,
  grantReadPermission,
  grantRevokePermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import { createGrantConditionalDecision, grantConditions } from './conditions';

const AWS_ACCESS_PERMISSION_NAMES = new Set(
  awsAccessPermissions.map(p => p.name),
);

/**
 * Whether `permission` is one of the aws-access plugin's.
 *
 * @public
 */
export function isAwsAccessPermission(permission: Permission): boolean {
  return AWS_ACCESS_PERMISSION_NAMES.has(permission.name);
}

/**
 * The defaults a permission policy can start from for the aws-access
 * permissions, for a signed-in user:
 *
 * - create: every user may request access for themselves;
 * - read: the requester, the owners of the resource, and its approvers;
 * - revoke (and cancel) and extend: the requester, and the owners of the resource;
 * - approve: the owners and approvers of the grant (the approval rules in
 *   `awsAccess.approval` then decide whose approval counts: never the
 *   requester's, never twice);
 * - admin, and everything above on every grant: members of `adminGroups`.
 *
 * Permissions that are not aws-access's are denied: check
 * {@link isAwsAccessPermission} first.
 *
 * @public
 */
export function awsAccessPolicyDecision(
  permission: Permission,
  user: { userEntityRef: string; ownershipEntityRefs: string[] },
  options: { adminGroups: string[] },
): PolicyDecision {
  const admins = options.adminGroups.map(g => g.toLocaleLowerCase('en-US'));
  if (
    user.ownershipEntityRefs.some(ref =>
      admins.includes(ref.toLocaleLowerCase('en-US')),
    )
  ) {
    return isAwsAccessPermission(permission)
      ? { result: AuthorizeResult.ALLOW }
      : { result: AuthorizeResult.DENY };
  }
  if (isPermission(permission, grantCreatePermission)) {
    return { result: AuthorizeResult.ALLOW };
  }
  const requester = grantConditions.isRequester({
    claims: [user.userEntityRef],
  });
  const owner = grantConditions.isResourceOwner({
    claims: user.ownershipEntityRefs,
  });
  // The groups an approval rule named when the grant was requested: the
  // owner for `approvers: owner`, the listed groups for `approvers: groups`.
  const approver = grantConditions.isApprover({
    claims: user.ownershipEntityRefs,
  });
  if (isPermission(permission, grantReadPermission)) {
    return createGrantConditionalDecision(permission, {
      anyOf: [requester, owner, approver],
    });
  }
  if (
    isPermission(permission, grantRevokePermission) ||
    isPermission(permission, grantExtendPermission)
  ) {
    return createGrantConditionalDecision(permission, {
      anyOf: [requester, owner],
    });
  }
  if (isPermission(permission, grantApprovePermission)) {
    return createGrantConditionalDecision(permission, {
      anyOf: [owner, approver],
    });
  }
  // `aws-access.admin` only for admins, and nothing else here.
  return { result: AuthorizeResult.DENY };
}
