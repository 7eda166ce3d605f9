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
  GrantEvent,
  GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import { Knex } from 'knex';

/** An outbox row this process has claimed. */
export interface ClaimedRow {
  id: number;
  eventId: number;
  grantId: string;
  receiver: string;
  attempts: number;
}

interface OutboxRowData {
  id: number | string;
  event_id: number | string;
  grant_id: string;
  receiver: string;
  attempts: number;
}

const TABLE = 'grant_outbox';

/** The queries of the outbox table; SQLite and PostgreSQL alike. */
export class OutboxTable {
  private readonly isPostgres: boolean;

  constructor(private readonly db: Knex) {
    this.isPostgres = db.client.config.client === 'pg';
  }

  /**
   * Claims up to `limit` rows that are due and free (never claimed, or
   * their claim lapsed because the replica holding it died), in one
   * statement. On PostgreSQL rows another replica is claiming this instant
   * are skipped, not waited for, so two replicas never hold the same row.
   */
  async claim(options: {
    owner: string;
    now: Date;
    until: Date;
    limit: number;
    eventIds?: number[];
  }): Promise<ClaimedRow[]> {
    const { now } = options;
    const claimable = (query: Knex.QueryBuilder) =>
      query
        .whereNull('gave_up_at')
        .where('available_at', '<=', now)
        .where(free =>
          free.whereNull('claimed_by').orWhere('claim_expires_at', '<', now),
        );
    const due = claimable(this.db(TABLE).select('id'))
      .orderBy('id', 'asc')
      .limit(options.limit);
    if (options.eventIds) {
      due.whereIn('event_id', options.eventIds);
    }
    if (this.isPostgres) {
      due.forUpdate().skipLocked();
    }
    // Checked again on the row being updated: a row claimed by another
    // statement since `due` was read is left alone.
    const rows: OutboxRowData[] = await claimable(
      this.db(TABLE).whereIn('id', due),
    )
      .update({ claimed_by: options.owner, claim_expires_at: options.until })
      .returning(['id', 'event_id', 'grant_id', 'receiver', 'attempts']);
    return rows
      .map(row => ({
        id: Number(row.id),
        eventId: Number(row.event_id),
        grantId: row.grant_id,
        receiver: row.receiver,
        attempts: row.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  /** The grant events the rows are for, in one query. */
  async events(ids: number[]): Promise<Map<number, GrantEvent>> {
    const rows = await this.db('grant_events')
      .select({
        id: 'id',
        grantId: 'grant_id',
        type: 'type',
        fromState: 'from_state',
        toState: 'to_state',
        actor: 'actor',
        reason: 'reason',
        data: 'data',
        createdAt: 'created_at',
      })
      .whereIn('id', [...new Set(ids)]);
    const events = rows.map(
      (row): GrantEvent => ({
        ...Object.fromEntries(
          Object.entries(row).filter(([, value]) => value !== null),
        ),
        id: Number(row.id),
        grantId: row.grantId,
        type: row.type as GrantEventType,
        actor: row.actor,
        data: row.data ? JSON.parse(row.data) : undefined,
        // SQLite returns epoch milliseconds, PostgreSQL a Date.
        createdAt: new Date(row.createdAt).toISOString(),
      }),
    );
    return new Map(events.map(event => [event.id, event]));
  }

  /** Forgets delivered rows, as long as this process still holds them. */
  async delete(ids: number[], owner: string): Promise<void> {
    if (ids.length > 0) {
      await this.db(TABLE)
        .whereIn('id', ids)
        .where('claimed_by', owner)
        .delete();
    }
  }

  /**
   * Records a failed attempt and frees the row for the next one at
   * `availableAt`; with `gaveUpAt`, no further attempt is made and the row
   * stays for an operator to see.
   */
  async failed(
    id: number,
    owner: string,
    attempt: {
      attempts: number;
      error: string;
      availableAt: Date;
      gaveUpAt?: Date;
    },
  ): Promise<void> {
    await this.db(TABLE)
      .where({ id, claimed_by: owner })
      .update({
        attempts: attempt.attempts,
        last_error: attempt.error.slice(0, 2000),
        available_at: attempt.availableAt,
        gave_up_at: attempt.gaveUpAt ?? null,
        claimed_by: null,
        claim_expires_at: null,
      });
  }
}
