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

/** Database queries the plugin's own client ran while counting. */
export interface QueryCounter {
  start(): void;
  stop(): QueryCounts;
}

export interface QueryCounts {
  total: number;
  /** `select grants`, `update grants`, `insert grant_events`, ... */
  byKind: Record<string, number>;
  /** Time from sending each query to its answer. */
  totalMs: number;
}

function kindOf(sql: string): string {
  const text = sql.trim().toLowerCase();
  const verb = /^(\w+)/.exec(text)?.[1] ?? '?';
  const table =
    /(?:from|into|update)\s+["`]?([\w.]+)["`]?/.exec(text)?.[1] ?? '';
  return `${verb} ${table}`.trim();
}

/** Counts queries by the knex `query` / `query-response` events. */
export function countQueries(knex: Knex): QueryCounter {
  let counting = false;
  let counts: QueryCounts = { total: 0, byKind: {}, totalMs: 0 };
  const sent = new Map<string, number>();
  knex.on('query', (query: { sql: string; __knexQueryUid: string }) => {
    if (!counting) return;
    counts.total += 1;
    const kind = kindOf(query.sql);
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    sent.set(query.__knexQueryUid, performance.now());
  });
  const done = (_: unknown, query: { __knexQueryUid: string }) => {
    const at = sent.get(query.__knexQueryUid);
    if (at !== undefined) {
      counts.totalMs += performance.now() - at;
      sent.delete(query.__knexQueryUid);
    }
  };
  knex.on('query-response', done);
  knex.on('query-error', done);
  return {
    start() {
      counts = { total: 0, byKind: {}, totalMs: 0 };
      sent.clear();
      counting = true;
    },
    stop() {
      counting = false;
      return counts;
    },
  };
}
