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

import { isError, ServiceUnavailableError } from '@backstage/errors';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantApiContext } from './grantApiContext';

/**
 * Offboarding: revokes every live grant in the account (pending ones are
 * ended the same way), so that deleting the account's stack leaves no
 * grant role behind. Returns how many grants were revoked.
 */
export async function revokeAllInAccount(
  ctx: GrantApiContext,
  accountId: string,
  actor: string,
): Promise<number> {
  let revoked = 0;
  // Bounded: a grant an engine is busy with answers 409 for a moment, so a
  // few passes catch everything without looping forever.
  for (let pass = 0; pass < 30; pass++) {
    const { items } = await ctx.store.listGrants({
      accountId,
      state: ['pending', 'provisioning', 'active'],
      limit: GRANT_LIMITS.maxListLimit,
    });
    if (items.length === 0) {
      return revoked;
    }
    for (const grant of items) {
      try {
        await ctx.engine.cancel(grant.id, actor, 'account offboarded');
        await ctx.engine.revoke(grant.id, actor, 'account offboarded');
        await ctx.engine.drive(grant.id);
        revoked += 1;
      } catch (error) {
        if (!isError(error) || error.name !== 'ConflictError') {
          throw error;
        }
      }
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new ServiceUnavailableError(
    `some grants in account ${accountId} are still being changed; offboard again in a minute`,
  );
}
