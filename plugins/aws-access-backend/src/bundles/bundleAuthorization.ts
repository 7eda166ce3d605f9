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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { GrantAuthorization } from '../permissions/grantAuthorization';
import { BundleService, BundleWithParts } from './BundleService';

/**
 * Checks `permission` on every part of a bundle: a bundle is only as
 * visible, and only as decidable, as the least of its parts. One
 * permission call covers every part, and is made before the bundle is
 * read; a caller who may not `verb` one part is told the bundle is not
 * theirs to `verb`, without learning which part it was. The bundle is
 * returned as read, for the change to act on.
 */
export function authorizeBundle(
  authorization: GrantAuthorization,
  bundles: BundleService,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'aws-access-grant'>,
  id: string,
  verb: string,
): Promise<BundleWithParts> {
  return authorization.authorizedWhole(
    credentials,
    permission,
    () => bundles.mustGet(id),
    current => current.parts,
    () => new NotAllowedError(`you may not ${verb} bundle ${id}`),
  );
}
