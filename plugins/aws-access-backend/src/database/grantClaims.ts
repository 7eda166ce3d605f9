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

import { Knex } from 'knex';
import { GrantRow } from './grantRows';
import { withApprovals } from './grantReads';
import { GrantClaimRequest, GrantCondition, GrantRecord } from './types';

/**
 * Adds `condition` to an update's WHERE clause, so that the database checks
 * it in the very statement that writes: no read-then-write window.
 */
export function whereCondition(
  query: Knex.QueryBuilder,
  condition: GrantCondition,
  now: Date,
): Knex.QueryBuilder {
  if (condition.states) {
    query.whereIn('state', condition.states);
  }
  if (condition.claimedBy === null) {
    query.where(free =>
      free
        .whereNull('claimed_by')
        .orWhereNull('claim_expires_at')
        .orWhere('claim_expires_at', '<=', now),
    );
  } else if (condition.claimedBy !== undefined) {
    query.where('claimed_by', condition.claimedBy);
  }
  if (condition.expiresAtOrBefore) {
    query.where('expires_at', '<=', condition.expiresAtOrBefore);
  }
  return query;
}

/**
 * Row claims: which engine (or reconciler pass) is working on a grant, so
 * that two never change the same grant's IAM role at once. Each claim is
 * one conditional statement.
 */
export class GrantClaims {
  constructor(
    private readonly db: Knex,
    private readonly isPostgres: boolean,
  ) {}

  async claimGrant(
    id: string,
    options: GrantClaimRequest,
  ): Promise<GrantRecord | undefined> {
    const rows: GrantRow[] = await this.db<GrantRow>('grants')
      .where({ id })
      .whereIn('state', options.states)
      .where(q =>
        // Nobody else holds it live; one's own claim is renewed.
        q
          .where('claimed_by', options.owner)
          .orWhere(free =>
            whereCondition(free, { claimedBy: null }, options.now),
          ),
      )
      .update({ claimed_by: options.owner, claim_expires_at: options.until })
      .returning('*');
    return rows.length ? (await withApprovals(this.db, rows))[0] : undefined;
  }

  async claimGrants(
    options: GrantClaimRequest & { limit: number },
  ): Promise<string[]> {
    return this.db.transaction(async tx => {
      const query = tx<GrantRow>('grants')
        .select('id')
        .whereIn('state', options.states)
        .where(q =>
          q
            .whereNull('claimed_by')
            .orWhere('claim_expires_at', '<', options.now),
        )
        .orderBy('updated_at', 'asc')
        .limit(options.limit);
      // PostgreSQL: rows another replica is claiming this instant are skipped
      // rather than waited for. SQLite has a single writer, so no lock is needed.
      if (this.isPostgres) query.forUpdate().skipLocked();
      const ids = (await query).map(r => r.id);
      if (ids.length) {
        await tx('grants').whereIn('id', ids).update({
          claimed_by: options.owner,
          claim_expires_at: options.until,
        });
      }
      return ids;
    });
  }

  async releaseClaim(id: string, owner: string): Promise<void> {
    await this.db('grants')
      .where({ id, claimed_by: owner })
      .update({ claimed_by: null, claim_expires_at: null });
  }
}
