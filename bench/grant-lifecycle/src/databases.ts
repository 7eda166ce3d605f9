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

import knexFactory from 'knex';

/** The PostgreSQL server the bench creates its fresh databases on. */
export const PG_URL =
  process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The versions of both database servers, for the header of the output. */
export async function serverVersions(): Promise<string[]> {
  const pg = knexFactory({ client: 'pg', connection: PG_URL });
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  try {
    const [pgVersion, sqliteVersion] = await Promise.all([
      pg
        .raw('SHOW server_version')
        .then(r => r.rows[0].server_version as string)
        .catch(e => `unreachable (${e.message})`),
      sqlite.raw('SELECT sqlite_version() AS v').then(r => r[0].v as string),
    ]);
    return [
      `PostgreSQL: ${pgVersion}`,
      `SQLite: ${sqliteVersion} (better-sqlite3)`,
    ];
  } finally {
    await Promise.all([pg.destroy(), sqlite.destroy()]);
  }
}

/** Drops a database the bench created, even while connections remain. */
export async function dropDatabase(name: string) {
  const admin = knexFactory({ client: 'pg', connection: PG_URL });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [name]);
  } finally {
    await admin.destroy();
  }
}
