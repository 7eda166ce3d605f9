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
 * Soak: many one-minute grants, evenly over a long time, across both
 * replicas on PostgreSQL (the chaos harness's stack, without kills or
 * faults). It measures how late access ends (expiry: `ended_at -
 * expires_at`; a requester's revoke: the answer time of `POST /revoke`), the
 * replicas' RSS over time and its slope, and how much the databases grow;
 * then the same invariants as the chaos run. It exits non-zero when one
 * fails or a bound is crossed.
 *
 *   pnpm bench:soak                          # 10,000 grants over 30 minutes
 *   pnpm bench:soak --minutes 2 --grants 300 # the short form in npm test
 *   bounds: --max-lag-p99 S (20) --max-rss-growth MiB (150) --max-rss-slope MiB/min (2)
 *   options: --seed N --sample-seconds S --keep (keep the databases)
 */
import { Invariants } from '../chaos/src/checks';
import { CHECKS, printChecks, Violation } from '../chaos/src/violations';
import { describeMachine } from '../shared/machine';
import {
  ms,
  percentile,
  rssMiB,
  seededRandom,
  sleep,
} from '../chaos/src/measure';
import {
  bucketName,
  databaseSizes,
  freePort,
  Stack,
  startStack,
} from '../chaos/src/stack';
import { Who } from '../chaos/src/api';
import { reportRss, Sample } from './src/rss';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MINUTES = option('minutes', 30);
const GRANTS = option('grants', 10_000);
const SEED = option('seed', Date.now() % 1_000_000);
const SAMPLE_MS = option('sample-seconds', MINUTES >= 10 ? 30 : 10) * 1000;
const BOUNDS = {
  lagP99Ms: option('max-lag-p99', 20) * 1000,
  rssGrowthMiB: option('max-rss-growth', 150),
  rssSlopeMiBPerMin: option('max-rss-slope', 2),
};
const SEND_MS = MINUTES * 60_000;
// Each bucket comes round again only after 150 s, when its last one-minute
// grant has ended: a repeat while live would be refused as a duplicate.
const BUCKETS = Math.max(50, Math.ceil((GRANTS / SEND_MS) * 150_000));
// RSS before this is start-up (module loading, JIT, first caches).
const WARMUP_MS = Math.max(60_000, SEND_MS * 0.2);
const READ_SETS = [
  ['s3:GetObject'],
  ['s3:ListBucket'],
  ['s3:GetObject', 's3:ListBucket'],
  ['s3:GetObjectTagging', 's3:GetObject'],
];

const random = seededRandom(SEED);
const started = Date.now();
const log = (line: string) =>
  console.log(
    `[${((Date.now() - started) / 1000).toFixed(1).padStart(7)}s] ${line}`,
  );

const stats = { posted: 0, created: 0, refused: {} as Record<string, number> };
const revokeMs: number[] = [];
const inFlight: Promise<unknown>[] = [];

async function grantOnce(stack: Stack, i: number) {
  const who: Who = i % 2 ? 'bob' : 'guest';
  stats.posted += 1;
  const res = await stack.api.send(who, 'POST', '/grants', {
    resourceArn: `arn:aws:s3:::${bucketName(i % BUCKETS)}`,
    actions: READ_SETS[Math.floor(random() * READ_SETS.length)],
    durationMinutes: 1,
    reason: `soak ${SEED} #${i}`,
  });
  if (res.status !== 201) {
    const key = `${res.status}: ${String(
      res.body?.error?.message ?? res.body,
    ).slice(0, 80)}`;
    stats.refused[key] = (stats.refused[key] ?? 0) + 1;
    return;
  }
  stats.created += 1;
  // A tenth are revoked by their requester, 5-40 s in.
  if (random() < 0.1) {
    await sleep(5000 + random() * 35_000);
    const begin = Date.now();
    const revoked = await stack.api.send(
      who,
      'POST',
      `/grants/${res.body.id}/revoke`,
      { reason: 'soak' },
    );
    if (revoked.status === 200) revokeMs.push(Date.now() - begin);
  }
}

async function sample(stack: Stack): Promise<Sample> {
  const sizes = await databaseSizes(stack.prefix);
  const live = await stack
    .db('grants')
    .where('state', 'active')
    .count('* as n');
  return {
    at: Date.now(),
    rss: stack.replicas.map(r => rssMiB(r.pid)),
    dbBytes: Object.values(sizes).reduce((a, b) => a + b, 0),
    live: Number(live[0].n),
  };
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

async function main(): Promise<Violation[]> {
  console.log('# soak');
  console.log(describeMachine());
  console.log(
    `seed ${SEED}: ${GRANTS} one-minute grants over ${MINUTES} min (${(
      GRANTS /
      (SEND_MS / 1000)
    ).toFixed(
      2,
    )}/s) on 2 replicas, ${BUCKETS} buckets; bounds: revocation lag p99 <= ${ms(
      BOUNDS.lagP99Ms,
    )}, RSS growth after warm-up <= ${BOUNDS.rssGrowthMiB} MiB${
      MINUTES >= 10 ? `, RSS slope <= ${BOUNDS.rssSlopeMiBPerMin} MiB/min` : ''
    }`,
  );
  const [a, b, proxyPort, motoPort] = await Promise.all(
    [0, 1, 2, 3].map(() => freePort()),
  );
  const stack = await startStack({
    kind: 'soak',
    ports: { replicas: [a, b], proxy: proxyPort, moto: motoPort },
    buckets: BUCKETS,
    random,
    keepDatabases: args.includes('--keep'),
    log,
  });
  const violations: Violation[] = [];
  try {
    const dbAtStart = await databaseSizes(stack.prefix);
    const samples: Sample[] = [await sample(stack)];
    const begin = Date.now();
    let sending = true;
    const sampler = (async () => {
      while (sending) {
        await sleep(SAMPLE_MS);
        try {
          samples.push(await sample(stack));
        } catch (error) {
          log(`sample failed: ${error}`);
          continue;
        }
        const s = samples[samples.length - 1];
        log(
          `${stats.created} created, ${Object.values(stats.refused).reduce(
            (x, y) => x + y,
            0,
          )} refused, ${s.live} active; RSS ${s.rss
            .map(r => r?.toFixed(0))
            .join(' / ')} MiB; databases ${mib(s.dbBytes)}`,
        );
      }
    })();
    for (let i = 0; i < GRANTS; i++) {
      await sleep(Math.max(0, begin + (i * SEND_MS) / GRANTS - Date.now()));
      inFlight.push(grantOnce(stack, i));
    }
    await Promise.all(inFlight);
    log(
      `sent ${stats.posted}: ${stats.created} created; waiting for the last expiries`,
    );
    const checks = new Invariants(stack);
    const ended = await checks.waitUntilEnded(new Set(), 180_000);
    sending = false;
    await sampler;
    samples.push(await sample(stack));
    if (!ended) log('grants still open after 180 s');

    violations.push(...(await checks.grantsEnded(new Set())));
    violations.push(...(await checks.createRoleOnce()));
    violations.push(...(await checks.iamMatchesGrants('at the end')));
    violations.push(...(await checks.oneEventPerChange()));
    violations.push(...(await checks.roleGoneBeforeEnd()));
    violations.push(...(await checks.catalogMatches('at the end')));

    const lags = (
      await stack
        .db('grants')
        .where('state', 'expired')
        .select(
          stack.db.raw(
            'EXTRACT(EPOCH FROM (ended_at - expires_at)) * 1000 AS lag',
          ),
        )
    ).map((r: any) => Number(r.lag));
    const all = [...lags, ...revokeMs];
    const states = await stack
      .db('grants')
      .select('state')
      .count('* as n')
      .groupBy('state');
    const rows = await Promise.all(
      ['grants', 'grant_events'].map(async t => ({
        t,
        n: Number((await stack.db(t).count('* as n'))[0].n),
      })),
    );
    const dbAtEnd = await databaseSizes(stack.prefix);

    console.log('\n## Result');
    console.log(describeMachine());
    console.log(
      `grants: ${stats.created} created by ${stats.posted} POST /grants in ${(
        (Date.now() - begin) /
        60_000
      ).toFixed(1)} min; other answers ${JSON.stringify(
        stats.refused,
      )}; final states ${states
        .map((s: any) => `${s.state} ${s.n}`)
        .join(', ')}`,
    );
    const line = (name: string, v: number[]) =>
      `${name} (${v.length}): p50 ${ms(percentile(v, 50))}, p90 ${ms(
        percentile(v, 90),
      )}, p99 ${ms(percentile(v, 99))}, max ${ms(Math.max(...v))}`;
    console.log(`revocation lag, ${line('all', all)}`);
    console.log(`  expiry, ended_at - expires_at, ${line('expired', lags)}`);
    console.log(
      `  revoke, answer time of POST /revoke, ${line('revoked', revokeMs)}`,
    );
    const lagP99 = percentile(all, 99);
    if (!(lagP99 <= BOUNDS.lagP99Ms))
      violations.push({
        check: 'revocation lag',
        detail: `p99 ${ms(lagP99)} over ${ms(BOUNDS.lagP99Ms)}`,
      });

    violations.push(
      ...reportRss(samples, begin, stack.replicas, {
        sampleMs: SAMPLE_MS,
        warmupMs: WARMUP_MS,
        maxGrowthMiB: BOUNDS.rssGrowthMiB,
        maxSlopeMiBPerMin: MINUTES >= 10 ? BOUNDS.rssSlopeMiBPerMin : undefined,
      }),
    );
    const total = (s: Record<string, number>) =>
      Object.values(s).reduce((x, y) => x + y, 0);
    console.log(
      `databases: ${mib(total(dbAtStart))} after start, ${mib(
        total(dbAtEnd),
      )} at the end (+${mib(total(dbAtEnd) - total(dbAtStart))}, ${(
        (total(dbAtEnd) - total(dbAtStart)) /
        Math.max(1, stats.created) /
        1024
      ).toFixed(2)} KiB per grant); aws-access +${mib(
        (dbAtEnd['aws-access'] ?? 0) - (dbAtStart['aws-access'] ?? 0),
      )}; by database: ${Object.entries(dbAtEnd)
        .map(([d, n]) => `${d} +${mib(n - (dbAtStart[d] ?? 0))}`)
        .join(', ')}; rows: ${rows.map(r => `${r.t} ${r.n}`).join(', ')}`,
    );
    console.log(checks.seen.join('\n'));
    console.log();
    // The chaos run's checks (no keepers here), then the soak's bounds.
    printChecks(violations, [
      ...CHECKS.filter(c => c !== 'keeper live'),
      'revocation lag',
      'RSS',
    ]);
  } finally {
    await stack.close();
  }
  return violations;
}

main().then(
  violations => {
    const took = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      violations.length
        ? `\n${violations.length} violation(s); soak took ${took} s`
        : `\nno violations; soak took ${took} s`,
    );
    process.exit(violations.length ? 1 : 0);
  },
  error => {
    console.error(error);
    process.exit(2);
  },
);
