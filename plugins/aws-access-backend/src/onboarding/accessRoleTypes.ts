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

import type { AwsPurpose } from '@backstage-aws-access/plugin-aws-access-node';

/**
 * Version of the roles' permissions. Bump it whenever a rule below changes:
 * it is stamped on the deployed roles as a tag, and accounts whose stack
 * carries an older number show "update available".
 */
export const TEMPLATE_VERSION = 2;

/**
 * The oldest template whose stack carries the grant boundary. Grant roles
 * are created with the boundary, so an account whose stack is older cannot
 * take new grants until its stack is updated.
 */
export const BOUNDARY_TEMPLATE_VERSION = 2;

/** Tag carrying {@link TEMPLATE_VERSION} on both roles. */
export const TAG_TEMPLATE_VERSION = 'backstage-access:template-version';

export const MANAGER_ROLE_NAME = 'BackstageAccessManager';
export const READER_ROLE_NAME = 'BackstageAccessReader';

/**
 * The managed policy every grant role carries as its permissions boundary.
 * Its name and path are fixed (not derived from `awsAccess.rolePath`), so
 * that its ARN in any account follows from the partition and account id
 * alone; see {@link grantBoundaryArn}.
 */
export const GRANT_BOUNDARY_NAME = 'BackstageAccessGrantBoundary';
export const GRANT_BOUNDARY_PATH = '/backstage-access/';

/** The grant boundary's ARN in one account (or with CloudFormation references). */
export function grantBoundaryArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:policy${GRANT_BOUNDARY_PATH}${GRANT_BOUNDARY_NAME}`;
}

/** What a rule's resources are, resolved per account and role path. */
export type RuleScope =
  /** Roles under the configured role path: `role<rolePath>*`. */
  | 'grant-roles'
  /** The manager role itself (for the connection check). */
  | 'manager-role'
  /** The grant boundary policy. */
  | 'grant-boundary'
  /**
   * Everything Backstage's control over grants rests on: the grant roles,
   * the manager and reader roles, and the grant boundary.
   */
  | 'control-plane'
  /** The manager and reader roles and the grant roles (for STS). */
  | 'managed-roles'
  /** Instance profiles, wherever they are (a role can be added to any). */
  | 'instance-profiles'
  /** Every resource: for calls that have no resource type, or for discovery. */
  | 'all';

/** Extra requirements a rule puts on a request. */
export type RuleCondition =
  /** The request must tag the role with a grant id, and only with our tags. */
  | 'tags-new-role-as-grant'
  /**
   * `tags-new-role-as-grant`, and the new role must carry the grant
   * boundary as its permissions boundary.
   */
  | 'creates-bounded-grant-role'
  /** The request sets no permissions boundary, or another than the grant boundary. */
  | 'without-grant-boundary'
  /** The role must already carry a grant id tag: it was created by the engine. */
  | 'role-is-a-grant';

export interface PermissionRule {
  sid: string;
  effect: 'Allow' | 'Deny';
  actions: string[];
  scope: RuleScope;
  condition?: RuleCondition;
  /** Why the rule exists, in words an account owner can review. */
  reason: string;
}

/** A policy rendered from rules: a role's inline policy, or the grant boundary. */
export interface PolicyDefinition {
  name: string;
  summary: string;
  rules: PermissionRule[];
}

export interface AccessRoleDefinition extends PolicyDefinition {
  purpose: AwsPurpose;
}
