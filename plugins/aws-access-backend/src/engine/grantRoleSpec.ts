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

import { parse as parseArn } from '@aws-sdk/util-arn-parser';
import { GrantRecord } from '../database/types';
import { grantBoundaryArn } from '../onboarding/accessRoles';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';

/**
 * What IAM should hold for a stored grant. The engine provisions and extends
 * from it and the reconciler compares the live role with it, so both always
 * agree on what a grant's role looks like.
 */
export function grantRoleSpec(
  grant: GrantRecord,
  rolePath: string,
): GrantRoleSpec {
  if (!grant.expiresAt) {
    throw new Error(`grant ${grant.id} has no expiry; refusing to provision`);
  }
  return {
    grantId: grant.id,
    accountId: grant.accountId,
    roleName: grant.roleName,
    policyName: grant.policyName,
    rolePath,
    requester: grant.requester,
    trustPrincipalArns: grant.trustPrincipalArns,
    statements: grant.statements,
    expiresAt: grant.expiresAt,
    // The resource's partition is the account's: the role lives there too.
    permissionsBoundaryArn: grantBoundaryArn(
      parseArn(grant.resourceArn).partition,
      grant.accountId,
    ),
  };
}
