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

import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  grantApprovePermission,
  grantExtendPermission,
  grantRevokePermission,
} from '@backstage-aws-access/plugin-aws-access-common';

/**
 * The permission each change to a grant or a bundle needs, by the verb of
 * its REST path and action: a decision is an approval's, and withdrawing a
 * request is a revocation.
 */
export const changePermissions = {
  approve: grantApprovePermission,
  reject: grantApprovePermission,
  cancel: grantRevokePermission,
  revoke: grantRevokePermission,
  extend: grantExtendPermission,
} satisfies Record<string, ResourcePermission<'aws-access-grant'>>;

/** A change to a grant or a bundle once requested. */
export type ChangeVerb = keyof typeof changePermissions;
