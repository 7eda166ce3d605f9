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
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  GrantEvent,
  GrantState,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantApproval } from '@backstage-aws-access/plugin-aws-access-node';
import { Knex } from 'knex';
import { EventsWrittenHook } from '../outbox/types';
import { GrantClaims } from './grantClaims';
import { GrantReads } from './grantReads';
import { GrantWrites } from './grantWrites';
import {
  GrantCondition,
  GrantPatch,
  GrantRecord,
  GrantStore,
  InsertLimits,
  ListGrantsOptions,
  NewGrantEvent,
  NewGrantRecord,
} from './types';

export { actionsKey } from './grantRows';

const migrationsDir = resolvePackagePath(
  '@backstage-aws-access/plugin-aws-access-backend',
  'migrations',
);

/**
 * Knex-backed {@link GrantStore}; the same queries run on SQLite and
 * PostgreSQL. Reads, writes and claims live in their own classes; state
 * changes reach the writes only through `src/lifecycle`.
 */
export class DatabaseGrantStore implements GrantStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * Called inside the transaction of every write that inserts history
     * rows, with their ids (the transactional outbox).
     */
    onEventsWritten?: EventsWrittenHook;
  }): Promise<DatabaseGrantStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseGrantStore(client, options.onEventsWritten);
  }

  private readonly reads: GrantReads;
  private readonly writes: GrantWrites;
  private readonly claims: GrantClaims;

  private constructor(db: Knex, onEventsWritten?: EventsWrittenHook) {
    const isPostgres = db.client.config.client === 'pg';
    this.reads = new GrantReads(db);
    this.writes = new GrantWrites(db, isPostgres, onEventsWritten);
    this.claims = new GrantClaims(db, isPostgres);
  }

  insertGrant(
    grant: NewGrantRecord,
    event: NewGrantEvent,
    limits?: InsertLimits,
    extra?: (tx: Knex.Transaction) => Promise<void>,
  ): Promise<GrantRecord> {
    return this.writes.insertGrant(grant, event, limits, extra);
  }

  updateGrant(
    id: string,
    condition: GrantCondition,
    patch: GrantPatch,
    event?: NewGrantEvent,
    now?: Date,
  ): Promise<GrantRecord | undefined> {
    return this.writes.updateGrant(id, condition, patch, event, now);
  }

  recordApproval(
    id: string,
    approval: GrantApproval,
    patch: GrantPatch,
    event: NewGrantEvent,
  ): Promise<GrantRecord | undefined> {
    return this.writes.recordApproval(id, approval, patch, event);
  }

  appendEvent(grantId: string, event: NewGrantEvent, now?: Date) {
    return this.writes.appendEvent(grantId, event, now);
  }

  claimGrant(
    id: string,
    options: { owner: string; until: Date; now: Date; states: GrantState[] },
  ): Promise<GrantRecord | undefined> {
    return this.claims.claimGrant(id, options);
  }

  claimGrants(options: {
    owner: string;
    until: Date;
    now: Date;
    states: GrantState[];
    limit: number;
  }): Promise<string[]> {
    return this.claims.claimGrants(options);
  }

  releaseClaim(id: string, owner: string): Promise<void> {
    return this.claims.releaseClaim(id, owner);
  }

  getGrant(id: string): Promise<GrantRecord | undefined> {
    return this.reads.getGrant(id);
  }

  getGrants(ids: string[]): Promise<Array<GrantRecord | undefined>> {
    return this.reads.getGrants(ids);
  }

  listGrants(
    options: ListGrantsOptions,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
    return this.reads.listGrants(options);
  }

  listEvents(grantId: string): Promise<GrantEvent[]> {
    return this.reads.listEvents(grantId);
  }

  findLiveDuplicate(options: {
    requester: string;
    resourceArn: string;
    actions: string[];
  }): Promise<GrantRecord | undefined> {
    return this.reads.findLiveDuplicate(options);
  }

  listPendingDue(options: {
    now: Date;
    limit: number;
  }): Promise<GrantRecord[]> {
    return this.reads.listPendingDue(options);
  }

  listUnwarnedExpiring(before: Date, limit: number): Promise<GrantRecord[]> {
    return this.reads.listUnwarnedExpiring(before, limit);
  }

  listExpiring(
    before: Date,
    limit: number,
  ): Promise<Array<{ id: string; expiresAt: Date }>> {
    return this.reads.listExpiring(before, limit);
  }
}
