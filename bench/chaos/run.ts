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
 * Chaos harness: two real backend replicas on one PostgreSQL, a counting and
 * fault-injecting proxy in front of moto, and a driver that requests,
 * approves, revokes and extends grants on both replicas while SIGKILLing
 * either of them at chosen moments (during provisioning, revocation, expiry
 * and approval), restarting it each time. At the end it checks what AWS and
 * the database hold and exits non-zero on any violation.
 *
 *   pnpm bench:chaos               # full: 1,000 one-minute grants, 24 kills
 *   pnpm bench:chaos --short       # 2 replicas, 100 grants, 5 kills
 *   pnpm bench:chaos --faults      # plus throttling/5xx at 10 %, resets, latency up to 5 s,
 *                                  # AccessDenied to AssumeRole for 5 s after CreateRole
 *   pnpm bench:chaos --pg-restart  # plus PostgreSQL restarted halfway through the sending
 *   options: --grants N --kills N --send-seconds S --seed N --keep (keep the databases)
 *            --free-ports (not 7101/7102/7150/7151) --break skip-delete-role (self-test: must fail)
 */
import { Invariants } from './src/checks';
import { CHECKS, Violation } from './src/violations';
import { ChaosDriver } from './src/driver';
import { FaultConfig, NO_FAULTS } from './src/faultProxy';
import { Killer } from './src/killer';
import { describeMachine } from '../shared/machine';
import { seededRandom, sleep } from './src/measure';
import { PgRestart, restartPostgres } from './src/pgRestart';
import { printReport } from './src/report';
import { freePort, Ports, startStack } from './src/stack';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SHORT = flag('short');
const GRANTS = option('grants', SHORT ? 100 : 1000);
const KILLS = option('kills', SHORT ? 5 : 24);
const SEND_SECONDS = option('send-seconds', SHORT ? 30 : 360);
const SEED = option('seed', Date.now() % 1_000_000);
const PG_RESTART = flag('pg-restart');
const BASE_FAULTS: FaultConfig = flag('faults')
  ? {
      throttleRate: 0.05,
      serverErrorRate: 0.05,
      resetRate: 0.02,
      latencyRate: 0.05,
      maxLatencyMs: 5000,
      assumeRoleDeniedMs: 5000,
      services: ['iam', 'sts'],
    }
  : NO_FAULTS;
// Self-test: `--break skip-delete-role` leaves every role behind; the run
// must then fail.
const BREAK = args.includes('--break') ? args[args.indexOf('--break') + 1] : '';
const FAULTS: FaultConfig = {
  ...BASE_FAULTS,
  swallowDeleteRole: BREAK === 'skip-delete-role',
};
const FIXED_PORTS: Ports = { replicas: [7101, 7102], proxy: 7150, moto: 7151 };
const BUCKETS = Math.max(50, Math.ceil(GRANTS / 4));
const KEEPERS = 6;

const random = seededRandom(SEED);
const started = Date.now();
const t = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
const log = (line: string) => console.log(`[${t()}] ${line}`);

async function main(): Promise<Violation[]> {
  // `--free-ports`: any free ports, for a second run beside one on the fixed ones.
  const PORTS: Ports = flag('free-ports')
    ? {
        replicas: [await freePort(), await freePort()],
        proxy: await freePort(),
        moto: await freePort(),
      }
    : FIXED_PORTS;
  console.log('# chaos harness');
  console.log(describeMachine());
  console.log(
    `seed ${SEED}, 2 replicas (:${PORTS.replicas.join(
      ', :',
    )}), ${GRANTS} grants of 1 minute over ${SEND_SECONDS} s, ${KILLS} kills, faults ${
      flag('faults') ? JSON.stringify(FAULTS) : 'off'
    }${PG_RESTART ? ', PostgreSQL restarted halfway through the sending' : ''}${
      BREAK ? `, BROKEN on purpose: ${BREAK}` : ''
    }`,
  );
  const stack = await startStack({
    kind: 'chaos',
    ports: PORTS,
    buckets: BUCKETS,
    random,
    keepDatabases: flag('keep'),
    log,
  });
  log(`run ${stack.runId}: databases ${stack.prefix}*, logs ${stack.outDir}`);
  const violations: Violation[] = [];
  try {
    log('inventory ready; faults on, driving');
    stack.proxy.setFaults(FAULTS);
    const driver = new ChaosDriver(stack, {
      seed: SEED,
      buckets: BUCKETS,
      random,
    });
    const killer = new Killer(stack, {
      random,
      revoking: () => driver.driverRevoked.size > 0,
      log,
    });
    driver.onApproveSent = killer.approveSent;
    const killing = killer.run(KILLS, SEND_SECONDS * 1000);
    let pgRestart: PgRestart | undefined;
    const restarting = PG_RESTART
      ? (async () => {
          await sleep(SEND_SECONDS * 500);
          log('restarting PostgreSQL');
          pgRestart = await restartPostgres(stack);
          log(`PostgreSQL: ${pgRestart.error ?? 'restarted; both answer'}`);
        })()
      : Promise.resolve();

    // grants, evenly over SEND_SECONDS
    const begin = Date.now();
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < GRANTS; i++) {
      await sleep(
        Math.max(0, begin + (i * SEND_SECONDS * 1000) / GRANTS - Date.now()),
      );
      inFlight.push(driver.requestGrant(i, { durationMinutes: 1 }));
    }
    await Promise.all(inFlight);
    const { stats } = driver;
    log(
      `sent ${stats.posted} POST /grants: ${stats.created} created, ${
        stats.duplicates
      } duplicates refused (409), other answers ${JSON.stringify(
        stats.refused,
      )}`,
    );
    // keepers: live when the checks run, then revoked
    await Promise.all(
      Array.from({ length: KEEPERS }, (_, k) =>
        driver.requestGrant(GRANTS + k, {
          durationMinutes: 15,
          write: false,
          keeper: true,
        }),
      ),
    );
    await Promise.all([killing, restarting]);
    log(`kills done: ${killer.kills.length}`);
    await Promise.all(driver.background);

    const checks = new Invariants(stack);
    // By their reason, not by the answers: a keeper whose answer was lost to
    // a kill exists all the same (its retry was refused as a duplicate).
    const keeperIds = new Set<string>(
      (
        await stack
          .db('grants')
          .whereIn(
            'reason',
            Array.from({ length: KEEPERS }, (_, k) =>
              driver.reasonOf(GRANTS + k),
            ),
          )
          .select('id')
      ).map(g => g.id),
    );
    if (!(await checks.waitUntilEnded(keeperIds, 240_000))) {
      log('grants still open after 240 s');
    }
    log('all one-minute grants ended; checking');
    violations.push(...(await checks.grantsEnded(keeperIds)));
    violations.push(...(await checks.createRoleOnce()));
    violations.push(
      ...(await checks.iamMatchesGrants('with the keepers live')),
    );
    violations.push(...(await checks.catalogMatches('with the keepers live')));

    // revoke the keepers: nothing may be left behind
    const keeperGrants = await stack
      .db('grants')
      .whereIn('id', [...keeperIds])
      .select('id', 'requester');
    await Promise.all(
      keeperGrants.map(async (k: any) => {
        const who = k.requester?.endsWith('/bob') ? 'bob' : 'guest';
        for (let attempt = 0; attempt < 10; attempt++) {
          const res = await stack.api.send(
            who,
            'POST',
            `/grants/${k.id}/revoke`,
            {
              reason: 'chaos end',
            },
          );
          if (res.status === 200) return;
          checks.seen.push(
            `keeper revoke answered otherwise (retried): ${k.id}: ${
              res.status
            } ${String(res.body?.error?.message ?? res.body).slice(0, 120)}`,
          );
          await sleep(1000);
        }
      }),
    );
    await checks.waitUntilEnded(new Set(), 60_000);
    violations.push(
      ...(await checks.iamMatchesGrants('after revoking the keepers')),
    );
    violations.push(
      ...(await checks.catalogMatches('after revoking the keepers')),
    );
    violations.push(...(await checks.grantsEnded(new Set())));
    violations.push(...(await checks.oneEventPerChange()));
    violations.push(...(await checks.roleGoneBeforeEnd()));
    violations.push(...serverErrors(stack.api.serverErrors, pgRestart));
    if (pgRestart) violations.push(...pgRestartSurvived(pgRestart));

    await printReport({
      stack,
      driver,
      killer,
      seen: checks.seen,
      keepers: keeperIds.size,
      pgRestart,
      violations,
      checks: [
        ...CHECKS,
        'no server error',
        ...(PG_RESTART ? ['PostgreSQL restart'] : []),
      ],
    });
  } finally {
    await stack.close();
  }
  return violations;
}

/** A 5xx answer (but 503 while starting) only while PostgreSQL is away. */
function serverErrors(
  errors: Array<{ at: number; status: number; path: string }>,
  pg?: PgRestart,
): Violation[] {
  return errors
    .filter(e => !pg || e.at < pg.at || e.at > pg.windowEnd + 5000)
    .map(e => ({
      check: 'no server error',
      detail: `${e.status} to ${e.path} at ${new Date(e.at).toISOString()}`,
    }));
}

/** Both replicas answered again after the restart, without being restarted. */
function pgRestartSurvived(pg: PgRestart): Violation[] {
  if (pg.error) return [{ check: 'PostgreSQL restart', detail: pg.error }];
  const out: Violation[] = [];
  for (const [name, restarted] of Object.entries(pg.restarted)) {
    if (!restarted && pg.recoveredMs[name] === undefined)
      out.push({
        check: 'PostgreSQL restart',
        detail: `${name} never answered again`,
      });
  }
  if (Object.values(pg.restarted).every(Boolean))
    out.push({
      check: 'PostgreSQL restart',
      detail: 'both replicas were restarted by kills meanwhile: nothing shown',
    });
  return out;
}

main().then(
  violations => {
    console.log(
      violations.length
        ? `\n${violations.length} violation(s); run took ${t()}`
        : `\nno violations; run took ${t()}`,
    );
    process.exit(violations.length ? 1 : 0);
  },
  error => {
    console.error(error);
    process.exit(2);
  },
);
