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
import { Knex } from 'knex';
import { EventsWrittenHook } from '../outbox/types';
import { GrantClaims } from './grantClaims';
import { GrantReads } from './grantReads';
import { GrantWrites } from './grantWrites';
import {
  GrantRecord,
  GrantStore,
  InsertLimits,
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

  // The rest pass straight through to the class that owns each kind of
  // query; GrantStore documents them.

  updateGrant(...args: Parameters<GrantStore['updateGrant']>) {
    return this.writes.updateGrant(...args);
  }

  recordApproval(...args: Parameters<GrantStore['recordApproval']>) {
    return this.writes.recordApproval(...args);
  }

  appendEvent(...args: Parameters<GrantStore['appendEvent']>) {
    return this.writes.appendEvent(...args);
  }

  claimGrant(...args: Parameters<GrantStore['claimGrant']>) {
    return this.claims.claimGrant(...args);
  }

  claimGrants(...args: Parameters<GrantStore['claimGrants']>) {
    return this.claims.claimGrants(...args);
  }

  releaseClaim(...args: Parameters<GrantStore['releaseClaim']>) {
    return this.claims.releaseClaim(...args);
  }

  getGrant(...args: Parameters<GrantStore['getGrant']>) {
    return this.reads.getGrant(...args);
  }

  getGrants(...args: Parameters<GrantStore['getGrants']>) {
    return this.reads.getGrants(...args);
  }

  listGrants(...args: Parameters<GrantStore['listGrants']>) {
    return this.reads.listGrants(...args);
  }

  listEvents(...args: Parameters<GrantStore['listEvents']>) {
    return this.reads.listEvents(...args);
  }

  findLiveDuplicate(...args: Parameters<GrantStore['findLiveDuplicate']>) {
    return this.reads.findLiveDuplicate(...args);
  }

  listPendingDue(...args: Parameters<GrantStore['listPendingDue']>) {
    return this.reads.listPendingDue(...args);
  }

  listUnwarnedExpiring(
    ...args: Parameters<GrantStore['listUnwarnedExpiring']>
  ) {
    return this.reads.listUnwarnedExpiring(...args);
  }

  listExpiring(...args: Parameters<GrantStore['listExpiring']>) {
    return this.reads.listExpiring(...args);
  }
}
