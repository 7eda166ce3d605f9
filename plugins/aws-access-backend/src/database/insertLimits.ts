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
import { Knex } from 'knex';
import { LIVE_STATES } from './grantRows';
import { InsertLimits, NewGrantRecord } from './types';

/**
 * Takes the per-requester lock of an insert's transaction, which orders
 * the requester's inserts across replicas; within one replica they already
 * come one at a time (see `GrantWrites`), so that at most one connection
 * per replica waits here.
 */
export async function lockRequester(
  tx: Knex.Transaction,
  isPostgres: boolean,
  requester: string,
): Promise<void> {
  // SQLite has a single writer already.
  if (isPostgres) {
    await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
      `aws-access:requester:${requester}`,
    ]);
  }
}

/**
 * On PostgreSQL a per-requester advisory lock serializes one person's
 * concurrent requests, so that fifty at once still count one by one;
 * SQLite has a single writer already. The per-account cap is counted
 * without a lock: it guards against runaway use, not against one user.
 * All three counts come from one query.
 */
export async function checkInsertLimits(
  tx: Knex.Transaction,
  isPostgres: boolean,
  grant: NewGrantRecord,
  limits: InsertLimits,
): Promise<void> {
  await lockRequester(tx, isPostgres, grant.requester);
  const [row] = await tx('grants')
    .whereIn('state', LIVE_STATES)
    .where(q =>
      q
        .where('requester', grant.requester)
        .orWhere('account_id', grant.accountId),
    )
    .select(
      tx.raw(
        `COALESCE(SUM(CASE WHEN requester = ? AND state = 'pending' THEN 1 ELSE 0 END), 0) AS pending`,
        [grant.requester],
      ),
      tx.raw(
        'COALESCE(SUM(CASE WHEN requester = ? THEN 1 ELSE 0 END), 0) AS requester_live',
        [grant.requester],
      ),
      tx.raw(
        'COALESCE(SUM(CASE WHEN account_id = ? THEN 1 ELSE 0 END), 0) AS account_live',
        [grant.accountId],
      ),
    );
  if (
    grant.state === 'pending' &&
    Number(row.pending) >= limits.maxPendingPerRequester
  ) {
    throw new ConflictError(
      `you already have ${limits.maxPendingPerRequester} requests waiting for approval, the most one person may; cancel one or wait for a decision`,
    );
  }
  if (Number(row.requester_live) >= limits.maxLivePerRequester) {
    throw new ConflictError(
      `you already hold ${limits.maxLivePerRequester} live grants and requests, the most one person may; revoke one you no longer need`,
    );
  }
  if (Number(row.account_live) >= limits.maxLivePerAccount) {
    throw new ConflictError(
      `account ${grant.accountId} already has ${limits.maxLivePerAccount} live grants, the most allowed; try again when some have ended`,
    );
  }
}
