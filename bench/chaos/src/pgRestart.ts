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

/*
 * PostgreSQL restarted under the replicas while grants flow: both must
 * carry on without being restarted themselves. The server is shared with
 * other test suites on the machine, so the restart runs only while
 * `flock -n /tmp/pg-restart.lock` holds; when someone else holds it the run
 * says so and fails (nothing was proven).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sleep } from './measure';
import { Stack } from './stack';

const run = promisify(execFile);

export interface PgRestart {
  at: number;
  /** How long `pg_ctlcluster ... restart` took. */
  restartMs: number;
  /** Per replica: until a request that reads the database was answered 200 again. */
  recoveredMs: Record<string, number | undefined>;
  /** Per replica: down or restarted by a kill around the restart, which proves nothing for it. */
  restarted: Record<string, boolean>;
  /** Until both answered again. */
  windowEnd: number;
  error?: string;
}

export async function restartPostgres(stack: Stack): Promise<PgRestart> {
  const [version, cluster] = (process.env.CHAOS_PG_CLUSTER ?? '15 main').split(
    ' ',
  );
  const starts = Object.fromEntries(
    stack.replicas.map(r => [r.options.name, r.starts]),
  );
  // A replica a kill has just taken down starts afresh: only the others show
  // anything.
  const upBefore = new Set(stack.replicas.filter(r => r.ready));
  const at = Date.now();
  const result: PgRestart = {
    at,
    restartMs: 0,
    recoveredMs: {},
    restarted: {},
    windowEnd: at,
  };
  try {
    await run('flock', [
      '-n',
      '/tmp/pg-restart.lock',
      'pg_ctlcluster',
      '--skip-systemctl-redirect',
      version,
      cluster,
      'restart',
    ]);
  } catch (error: any) {
    result.error = `not restarted: ${
      String(error.stderr || error.message).trim() || `flock exit ${error.code}`
    }`;
    return result;
  }
  result.restartMs = Date.now() - at;
  await Promise.all(
    stack.replicas.map(async replica => {
      const name = replica.options.name;
      for (let i = 0; i < 240 && upBefore.has(replica); i++) {
        if (replica.starts !== starts[name]) break;
        const res = replica.ready
          ? await stack.api.call(replica, 'guest', 'GET', '/grants')
          : undefined;
        if (res?.status === 200) {
          result.recoveredMs[name] = Date.now() - at;
          break;
        }
        await sleep(500);
      }
      result.restarted[name] =
        !upBefore.has(replica) || replica.starts !== starts[name];
    }),
  );
  result.windowEnd = Date.now();
  return result;
}
