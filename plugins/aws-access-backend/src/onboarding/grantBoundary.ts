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
  GRANT_BOUNDARY_NAME,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  type PolicyDefinition,
} from './accessRoleTypes';

/**
 * The permissions boundary of every grant role. It grants nothing by itself
 * (a role's rights are its own policy *and* its boundary): it caps whatever
 * a grant role's inline policy says, even `*` on `*`, so that a grant can
 * never be used to take over Backstage's control of grants, to make a grant
 * role outlive its grant, or to mint credentials that do.
 */
export const GRANT_BOUNDARY: PolicyDefinition = {
  name: GRANT_BOUNDARY_NAME,
  summary:
    "The permissions boundary of every grant role. It allows everything, so a grant's own policy alone decides what the grant gives; and it denies, whatever that policy says, what would let a grant escape Backstage's control.",
  rules: [
    {
      sid: 'CapNotGrant',
      effect: 'Allow',
      actions: ['*'],
      scope: 'all',
      reason:
        "A boundary only limits: a grant role may do what both its own policy and its boundary allow. Allowing everything here leaves the grant's own policy in charge, except for the denials below.",
    },
    {
      sid: 'NoIamWritesOnBackstageControl',
      effect: 'Deny',
      actions: [
        'iam:Add*',
        'iam:Attach*',
        'iam:Create*',
        'iam:Delete*',
        'iam:Detach*',
        'iam:PassRole',
        'iam:Put*',
        'iam:Remove*',
        'iam:Set*',
        'iam:Tag*',
        'iam:Untag*',
        'iam:Update*',
      ],
      scope: 'control-plane',
      reason: `No grant role may change a grant role (its own or another's: policies, trust, boundary, tags, deletion), the ${MANAGER_ROLE_NAME} or ${READER_ROLE_NAME} role, or this policy, nor hand any of these roles to a service. So a grant can neither widen itself nor another grant, nor strip the tags or the boundary that tie a role to its grant.`,
    },
    {
      sid: 'NoStsIntoBackstageRoles',
      effect: 'Deny',
      actions: ['sts:*'],
      scope: 'managed-roles',
      reason: `No grant role may assume (or tag sessions of, or set the source identity for) another grant role or the ${MANAGER_ROLE_NAME} or ${READER_ROLE_NAME} role: a grant is for the principal it names, and role chaining would bypass that.`,
    },
    {
      sid: 'NoUnboundedRoles',
      effect: 'Deny',
      actions: ['iam:CreateRole'],
      scope: 'all',
      condition: 'without-grant-boundary',
      reason:
        'A grant that may create roles elsewhere can only create roles that carry this boundary too, so a role made by a grant can never do what the grant itself cannot.',
    },
    {
      sid: 'NoBoundaryChanges',
      effect: 'Deny',
      actions: [
        'iam:PutRolePermissionsBoundary',
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutUserPermissionsBoundary',
        'iam:DeleteUserPermissionsBoundary',
      ],
      scope: 'all',
      reason:
        'No grant role may remove or replace any permissions boundary, so the cap above cannot be taken off a role a grant created.',
    },
    {
      sid: 'NoLongLivedCredentials',
      effect: 'Deny',
      actions: [
        'iam:CreateUser',
        'iam:CreateAccessKey',
        'iam:UpdateAccessKey',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:CreateServiceSpecificCredential',
        'iam:UploadSSHPublicKey',
        'iam:UploadSigningCertificate',
        'iam:CreateOpenIDConnectProvider',
        'iam:AddClientIDToOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint',
        'iam:CreateSAMLProvider',
        'iam:UpdateSAMLProvider',
      ],
      scope: 'all',
      reason:
        'A time-bound grant must not be able to mint access that outlives it: no IAM users, access keys, console passwords, service or SSH credentials, and no new or changed identity providers.',
    },
  ],
};
