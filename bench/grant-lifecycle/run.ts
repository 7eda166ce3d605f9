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
 * Grant lifecycle bench: the aws-access plugin (HTTP API, grant engine,
 * DatabaseGrantStore, IamGrantProvisioner) against its own moto_server.
 *
 *   pnpm bench:grants
 *
 * Prints the machine, then:
 *   1. request to usable role (p50, p99) for 200 concurrent POST /grants
 *   2. IAM write calls per grant and per revoke (counted by a proxy)
 *   3. expiry lag after expiresAt for 200 grants expiring in the same minute
 *   4. GET /grants latency with 100,000 stored grants, SQLite and PostgreSQL
 */
import { randomBytes } from 'node:crypto';
import {
  isMotoAvailable,
  startMotoServer,
} from '../../plugins/aws-access-node/src/testUtils/motoServer';
import { BenchBackend, startBenchBackend } from './src/backend';
import { countByOperation, startCountingProxy } from './src/countingProxy';
import { dropDatabase, PG_URL, serverVersions } from './src/databases';
import { measureExpiry } from './src/expiry';
import { reportExpiry } from './src/expiryReport';
import { measureProvisioning, measureRevoke } from './src/lifecycle';
import { measureListLatency, seedGrants } from './src/listLatency';
import { profileCpu, ProfileSummary } from './src/cpuProfile';
import { reportProfile } from './src/profileReport';
import { reportAgainstFloor } from './src/floorReport';
import { measureFloor, removeFloorRoles } from './src/floor';
import { countQueries } from './src/queryCounter';
import { describeLoad, machineFacts } from '../shared/machine';
import { describeWrites, log, target } from './src/output';
import { formatMs, percentile, summarize } from './src/stats';

const CONCURRENT_GRANTS = 200;
const REVOKED_GRANTS = 50;
const USERS = 20;
const STORED_GRANTS = 100_000;
const SEEDED_USERS = 500;
const GETS_PER_QUERY = 50;
const SQLITE_MEMORY = { client: 'better-sqlite3', connection: ':memory:' };
/** `BENCH_QUICK=1`: sections 1 and 2 only (no expiry wait, no list latency). */
const QUICK = process.env.BENCH_QUICK === '1';
/** `BENCH_CPU_PROFILE=1`: a V8 CPU profile of the 200-grant burst. */
const PROFILE = process.env.BENCH_CPU_PROFILE === '1';
/** `BENCH_DATABASE=pg`: the engine's store on PostgreSQL instead of SQLite. */
const ENGINE_DB = process.env.BENCH_DATABASE === 'pg' ? 'pg' : 'sqlite';

async function listBench(
  label: string,
  database: Record<string, string>,
): Promise<number[]> {
  const backend: BenchBackend = await startBenchBackend({
    database,
    users: USERS,
  });
  try {
    const seedStart = performance.now();
    const { active } = await seedGrants(backend.knex, {
      count: STORED_GRANTS,
      users: SEEDED_USERS,
    });
    log(
      `  ${label}: seeded ${STORED_GRANTS.toLocaleString(
        'en-US',
      )} grants (${active} active) in ${formatMs(
        performance.now() - seedStart,
      )}`,
    );
    const { byQuery, all } = await measureListLatency(backend, {
      perQuery: GETS_PER_QUERY,
    });
    for (const [query, values] of Object.entries(byQuery)) {
      log(`    ${query.padEnd(34)} ${summarize(values)}`);
    }
    const p95 = percentile(all, 95);
    log(
      `    all ${all.length} requests${' '.repeat(21)} ${summarize(
        all,
      )} — p95 ${target(p95, 50)}`,
    );
    return all;
  } finally {
    await backend.stop();
  }
}

async function main() {
  const started = performance.now();
  log('# grant-lifecycle bench');
  log();
  for (const [label, value] of machineFacts()) {
    log(`${`${label}:`.padEnd(8)}${value}`);
  }
  for (const line of await serverVersions()) {
    log(line);
  }
  log(`Load:   ${describeLoad()} (1/5/15 min averages at start)`);
  log();
  if (!isMotoAvailable()) {
    throw new Error('moto_server is not on PATH');
  }

  const moto = await startMotoServer();
  const proxy = await startCountingProxy(moto.endpoint);
  // The SDK (provisioner and credential checks) goes through the counter.
  process.env.AWS_ENDPOINT_URL = proxy.endpoint;
  try {
    const enginePrefix = `bench_engine_${randomBytes(4).toString('hex')}_`;
    const backend = await startBenchBackend({
      database:
        ENGINE_DB === 'pg'
          ? { client: 'pg', connection: PG_URL, prefix: enginePrefix }
          : SQLITE_MEMORY,
      users: USERS,
    });
    const queries = countQueries(backend.knex);
    try {
      log(
        `Engine stack: startTestBackend + aws-access plugin, real database service (${
          ENGINE_DB === 'pg'
            ? `PostgreSQL, fresh database ${enginePrefix}aws-access`
            : 'SQLite in memory'
        }), real scheduler, moto on ${moto.endpoint} behind a counting proxy`,
      );
      log();

      // 2 first (its grants are revoked long before the grants of 1 expire).
      const revoke = await measureRevoke(backend, proxy.calls, {
        count: REVOKED_GRANTS,
        users: USERS,
        prefix: 'bench-revoke',
        motoEndpoint: moto.endpoint,
      });

      log(
        `## 1. Request to usable role, ${CONCURRENT_GRANTS} concurrent POST /grants`,
      );
      // The raw IAM floor right before and right after, through the same
      // proxy to the same moto, so that both see the same host; its roles
      // go at once, so the burst finds IAM as it was.
      const iamFloor = async (prefix: string) => {
        const floor = await measureFloor({
          count: CONCURRENT_GRANTS,
          users: USERS,
          prefix,
          endpoint: proxy.endpoint,
        });
        await removeFloorRoles(moto.endpoint, floor.roleNames);
        return floor;
      };
      const floorBefore = await iamFloor('floor-a');
      const loadAtBurst = describeLoad();
      queries.start();
      const burst = () =>
        measureProvisioning(backend, proxy.calls, {
          count: CONCURRENT_GRANTS,
          users: USERS,
          durationMinutes: 1,
          prefix: 'bench-lifecycle',
          motoEndpoint: moto.endpoint,
        });
      let profile: ProfileSummary | undefined;
      let provision: Awaited<ReturnType<typeof burst>>;
      if (PROFILE) {
        const profiled = await profileCpu('grant-burst', burst);
        provision = profiled.result;
        profile = profiled.summary;
      } else {
        provision = await burst();
      }
      const queryCounts = queries.stop();
      const floorAfter = await iamFloor('floor-b');
      log(
        `  time to active: ${summarize(
          provision.usableMs,
          [50, 99],
        )} (all ${CONCURRENT_GRANTS} in ${formatMs(provision.wallMs)}; ${
          provision.activeInResponse
        } already active in the 201 answer)`,
      );
      log(
        `  backend and bench process meanwhile: ${formatMs(
          provision.cpuMs,
        )} CPU in ${formatMs(
          provision.wallMs,
        )} wall; moto's answer time per IAM write: ${summarize(
          provision.writes.callMs,
          [50, 99],
        )}`,
      );
      log(
        `  roles verified in IAM (GetRolePolicy on moto): ${provision.verified}/${CONCURRENT_GRANTS}`,
      );
      log();
      reportAgainstFloor({
        count: CONCURRENT_GRANTS,
        provision,
        floorBefore,
        floorAfter,
        queryCounts,
        loadAtBurst,
        profiling: PROFILE,
      });
      if (profile) reportProfile(profile);
      log();

      log('## 2. IAM write calls (counted at the proxy, SDK retries included)');
      describeWrites(
        `per grant (${CONCURRENT_GRANTS} concurrent)`,
        provision.writes,
        2,
      );
      describeWrites(
        `per grant (${revoke.count} concurrent)`,
        revoke.provisionWrites,
        2,
      );
      describeWrites(
        `per revoke (${revoke.count} concurrent POST /grants/:id/revoke)`,
        revoke.revokeWrites,
        2,
      );
      log(
        `  revoke request to revoked: ${summarize(revoke.revokeMs, [50, 99])}`,
      );
      log();

      if (QUICK) {
        log('BENCH_QUICK=1: sections 3 and 4 skipped');
        return;
      }
      log(
        `## 3. Expiry lag, the ${CONCURRENT_GRANTS} grants of 1 (durationMinutes 1, set through the API)`,
      );
      const expiry = await measureExpiry(
        backend,
        proxy.calls,
        provision.grants,
        seconds => log(`  waiting ~${seconds} s for them to expire...`),
      );
      reportExpiry(expiry, backend.notificationsSent);
      log();
    } finally {
      await backend.stop();
      if (ENGINE_DB === 'pg') {
        await dropDatabase(`${enginePrefix}aws-access`);
      }
    }
    if (QUICK) {
      return;
    }

    log(
      `## 4. GET /grants latency, ${STORED_GRANTS.toLocaleString(
        'en-US',
      )} stored grants, ${GETS_PER_QUERY} sequential requests per query through the API`,
    );
    await listBench('SQLite (in memory)', SQLITE_MEMORY);
    const prefix = `bench_grants_${randomBytes(4).toString('hex')}_`;
    try {
      await listBench(`PostgreSQL (fresh database ${prefix}aws-access)`, {
        client: 'pg',
        connection: PG_URL,
        prefix,
      });
    } finally {
      await dropDatabase(`${prefix}aws-access`);
    }
    log();

    const all = countByOperation(proxy.calls);
    log(
      `All AWS calls seen by the proxy: ${Object.entries(all)
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}`,
    );
  } finally {
    await proxy.close();
    await moto.stop();
  }
  log(`Load at the end: ${describeLoad()}`);
  log(`Total run time: ${formatMs(performance.now() - started)}`);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
