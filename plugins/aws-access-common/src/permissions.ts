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
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Resource type of grants in the permission framework.
 *
 * @public
 */
export const RESOURCE_TYPE_AWS_ACCESS_GRANT = 'aws-access-grant';

/**
 * Request a grant for oneself.
 *
 * @public
 */
export const grantCreatePermission = createPermission({
  name: 'aws-access.grant.create',
  attributes: { action: 'create' },
});

/**
 * See a grant and its history.
 *
 * @public
 */
export const grantReadPermission: ResourcePermission<
  typeof RESOURCE_TYPE_AWS_ACCESS_GRANT
> = createPermission({
  name: 'aws-access.grant.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_AWS_ACCESS_GRANT,
});

/**
 * Revoke a grant, or cancel a pending request.
 *
 * @public
 */
export const grantRevokePermission: ResourcePermission<
  typeof RESOURCE_TYPE_AWS_ACCESS_GRANT
> = createPermission({
  name: 'aws-access.grant.revoke',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_AWS_ACCESS_GRANT,
});

/**
 * Extend an active grant (the approval rules still decide whether the
 * extension needs an approval).
 *
 * @public
 */
export const grantExtendPermission: ResourcePermission<
  typeof RESOURCE_TYPE_AWS_ACCESS_GRANT
> = createPermission({
  name: 'aws-access.grant.extend',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_AWS_ACCESS_GRANT,
});

/**
 * Approve or reject a pending grant.
 *
 * @public
 */
export const grantApprovePermission: ResourcePermission<
  typeof RESOURCE_TYPE_AWS_ACCESS_GRANT
> = createPermission({
  name: 'aws-access.grant.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_AWS_ACCESS_GRANT,
});

/**
 * Onboard and offboard accounts, act on any grant.
 *
 * @public
 */
export const adminPermission = createPermission({
  name: 'aws-access.admin',
  attributes: {},
});

/** @public */
export const awsAccessPermissions = [
  grantCreatePermission,
  grantReadPermission,
  grantRevokePermission,
  grantExtendPermission,
  grantApprovePermission,
  adminPermission,
];
