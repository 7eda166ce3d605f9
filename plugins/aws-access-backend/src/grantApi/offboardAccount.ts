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

import { isError } from '@backstage/errors';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantApiContext } from './grantApiContext';
import { revokeGrant } from './grantChanges';

/** How far offboarding got: grants revoked, and live grants left. */
export interface OffboardProgress {
  revoked: number;
  remaining: number;
}

/**
 * Offboarding: revokes every live grant in the account through the same
 * path as a user's revoke (pending ones are cancelled), so that deleting
 * the account's stack leaves no grant role behind. Runs in the offboarding
 * task, never in a request; reports progress after each grant.
 */
export async function revokeAllInAccount(
  ctx: GrantApiContext,
  accountId: string,
  actor: string,
  onProgress?: (progress: OffboardProgress) => Promise<void>,
): Promise<OffboardProgress> {
  const caller = { userEntityRef: actor, ownershipEntityRefs: [] };
  let revoked = 0;
  let remaining = 0;
  // Bounded: a grant an engine is busy with answers 409 for a moment, so a
  // few passes catch everything without looping forever.
  for (let pass = 0; pass < 30; pass++) {
    const { items } = await ctx.store.listGrants({
      accountId,
      state: ['pending', 'provisioning', 'active'],
      limit: GRANT_LIMITS.maxListLimit,
    });
    remaining = items.length;
    if (remaining === 0) {
      break;
    }
    for (const grant of items) {
      try {
        await revokeGrant(ctx, grant, { reason: 'account offboarded' }, caller);
        revoked += 1;
        remaining -= 1;
        await onProgress?.({ revoked, remaining });
      } catch (error) {
        if (!isError(error) || error.name !== 'ConflictError') {
          throw error;
        }
      }
    }
    if (remaining > 0) {
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
  return { revoked, remaining };
}
