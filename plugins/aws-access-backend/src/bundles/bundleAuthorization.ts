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
 * visible, and only as decidable, as the least of its parts. A caller who
 * may not see one part is told the bundle is not theirs to `verb`, without
 * learning which part it was.
 */
export async function authorizeBundle(
  authorization: GrantAuthorization,
  bundles: BundleService,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'aws-access-grant'>,
  id: string,
  verb: string,
): Promise<BundleWithParts> {
  const current = await bundles.mustGet(id);
  try {
    for (const part of current.parts) {
      await authorization.authorizedGrant(
        credentials,
        permission,
        part.id,
        verb,
      );
    }
  } catch (error) {
    if (error instanceof NotAllowedError) {
      throw new NotAllowedError(`you may not ${verb} bundle ${id}`);
    }
    throw error;
  }
  return current;
}
