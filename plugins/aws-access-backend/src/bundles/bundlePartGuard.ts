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

import { ConflictError } from '@backstage/errors';
import { GrantRecord } from '../database/types';

/**
 * A bundle's part is decided, cancelled and extended only with its bundle:
 * approving one part alone would provision it before the whole bundle is
 * approved, and extending one alone would break the shared expiry.
 * Revoking an active part is allowed (it only takes access away).
 */
export function assertNotBundlePart(
  grant: Pick<GrantRecord, 'id' | 'bundleId' | 'state'>,
  verb: 'approve' | 'reject' | 'cancel' | 'extend' | 'revoke',
): void {
  if (!grant.bundleId) {
    return;
  }
  if (verb === 'revoke' && grant.state !== 'pending') {
    return;
  }
  const bundleVerb = verb === 'revoke' ? 'cancel' : verb;
  throw new ConflictError(
    `grant ${grant.id} is part of bundle ${grant.bundleId}; ${bundleVerb} the bundle instead (POST /bundles/${grant.bundleId}/${bundleVerb})`,
  );
}
