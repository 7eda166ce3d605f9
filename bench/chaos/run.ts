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
 *   pnpm bench:chaos            # full: 1,000 one-minute grants, 24 kills
 *   pnpm bench:chaos --short    # 2 replicas, 100 grants, 5 kills
 *   pnpm bench:chaos --faults   # plus throttling/5xx at 10 %, resets, latency up to 5 s,
 *                               # AccessDenied to AssumeRole for 5 s after CreateRole
 *   options: --grants N --kills N --send-seconds S --seed N --keep (keep the databases)
 */
import {
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  FaultConfig,
  NO_FAULTS,
  ProxiedCall,
  startFaultProxy,
} from './src/faultProxy';
import { Replica } from './src/replica';

const ROOT = resolve(__dirname, '..', '..');
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
const FAULTS: FaultConfig = flag('faults')
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
const PG_URL =
  process.env.CHAOS_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PORTS = { replicas: [7101, 7102], proxy: 7150, moto: 7151 };
const ROLE_PATH = '/backstage-access/';
const BUCKETS = Math.max(50, Math.ceil(GRANTS / 4));
const KEEPERS = 6;

// A small seeded PRNG, so that a run's choices can be replayed (the timing
// of two processes cannot).
let state = SEED >>> 0 || 1;
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]) =>
  items[Math.floor(random() * items.length)];
const sleep = (millis: number) => new Promise(r => setTimeout(r, millis));
const started = Date.now();
const t = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
const log = (line = '') => console.log(line ? `[${t()}] ${line}` : '');

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) -
      1
  ];
}
function ms(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`;
}

function machine(): string[] {
  let moto = 'unknown';
  try {
    moto = execFileSync(
      'python3',
      ['-c', 'import moto; print(moto.__version__)'],
      {
        encoding: 'utf8',
      },
    ).trim();
  } catch {
    // say unknown
  }
  return [
    `Machine: ${cpus()[0]?.model.trim()} (${cpus().length} cores), ${(
      totalmem() /
      1024 ** 3
    ).toFixed(1)} GiB, Node ${process.version}, moto ${moto}, load ${loadavg()
      .map(l => l.toFixed(2))
      .join(' / ')}`,
  ];
}

// ---------------------------------------------------------------- run state

const stats = {
  posted: 0,
  created: 0,
  duplicates: 0,
  refused: {} as Record<string, number>,
  lostAnswers: 0,
  approvals: 0,
  revokes: 0,
  extends: 0,
  extendRefused: 0,
  assumeProbes: [] as Array<{ attempts: number; ms: number; ok: boolean }>,
};

let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

const createRoleStats = { roles: 0, retriedAndFound: 0 };

const iamSnapshots: string[] = [];

const catalogSnapshots: string[] = [];

const eventStats = { transitions: 0 };

const keeperRevokeAnswers: string[] = [];

const endStats = { checked: 0 };

// ---------------------------------------------------------------- the API

type Who = 'guest' | 'bob' | 'alice';
const tokens: Partial<Record<Who, string>> = {};

interface ApiResult {
  status: number;
  body: any;
  /** The replica never answered (killed, connection refused or reset). */
  lost?: boolean;
}

let replicas: Replica[] = [];
function liveReplica(): Replica | undefined {
  const ready = replicas.filter(r => r.ready);
  return ready.length ? pick(ready) : undefined;
}

async function call(
  replica: Replica,
  who: Who,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult> {
  try {
    const res = await fetch(`${replica.baseUrl}/api/aws-access${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  } catch (error) {
    return { status: 0, body: String(error), lost: true };
  }
}

/** Sends to a live replica; when the answer is lost to a kill, once more to a live one. */
async function send(
  who: Who,
  method: string,
  path: string,
  body?: unknown,
  onSent?: (replica: Replica) => void,
): Promise<ApiResult & { replica?: string }> {
  let result: ApiResult = { status: 0, body: 'no live replica', lost: true };
  for (let attempt = 0; attempt < 6; attempt++) {
    const replica = liveReplica();
    if (!replica) {
      await sleep(500);
      continue;
    }
    const pending = call(replica, who, method, path, body);
    onSent?.(replica);
    result = await pending;
    // 503: starting up (inventory not yet read) or shutting down.
    if (!result.lost && result.status !== 503) {
      return { ...result, replica: replica.options.name };
    }
    stats.lostAnswers += 1;
    await sleep(300 + random() * 700);
  }
  return result;
}

async function token(replica: Replica, who: Who): Promise<string> {
  const url =
    who === 'guest'
      ? `${replica.baseUrl}/api/auth/guest/refresh`
      : `${replica.baseUrl}/api/auth/demo/refresh`;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, {
      headers: { 'x-requested-with': 'XMLHttpRequest', 'x-demo-user': who },
    });
    if (res.ok) {
      return ((await res.json()) as any).backstageIdentity.token;
    }
    if (attempt > 60)
      throw new Error(
        `no token for ${who}: HTTP ${res.status} ${await res.text()}`,
      );
    await sleep(1000);
  }
}

// ---------------------------------------------------------------- the run

const grantIds = new Set<string>();
const driverRevoked = new Set<string>();
const background: Promise<unknown>[] = [];

type Phase = 'provisioning' | 'approval' | 'revocation' | 'expiry';
interface Kill {
  replica: string;
  phase: Phase;
  trigger: string;
  at: number;
  restartMs?: number;
}
const kills: Kill[] = [];
let armed:
  | { replica: Replica; phase: Phase; fire: (trigger: string) => void }
  | undefined;

const READ_SETS = [
  ['s3:GetObject'],
  ['s3:ListBucket'],
  ['s3:GetObject', 's3:ListBucket'],
  ['s3:GetObjectTagging', 's3:GetObject'],
];
const WRITE_SETS = [['s3:PutObject'], ['s3:PutObject', 's3:GetObject']];

function bucket(i: number) {
  return `chaos-${String(i).padStart(4, '0')}`;
}

async function requestGrant(
  i: number,
  options: { durationMinutes: number; write?: boolean; keeper?: boolean },
) {
  const who: Who = i % 3 === 2 ? 'bob' : 'guest';
  const write = options.write ?? random() < 0.2;
  const body = {
    resourceArn: `arn:aws:s3:::${bucket(i % BUCKETS)}`,
    actions: write ? pick(WRITE_SETS) : pick(READ_SETS),
    durationMinutes: options.durationMinutes,
    reason: `chaos ${SEED} #${i}`,
  };
  stats.posted += 1;
  const res = await send(who, 'POST', '/grants', body);
  if (res.status === 201) {
    stats.created += 1;
    grantIds.add(res.body.id);
    afterCreated(who, res.body, options.keeper);
    return res.body;
  }
  if (res.status === 409) {
    // The same live grant exists (a retry after a lost answer, or a repeat).
    stats.duplicates += 1;
    return undefined;
  }
  const key = `${res.status}${res.lost ? ' (lost)' : ''}: ${String(
    res.body?.error?.message ?? res.body,
  ).slice(0, 80)}`;
  stats.refused[key] = (stats.refused[key] ?? 0) + 1;
  return undefined;
}

function afterCreated(who: Who, grant: any, keeper?: boolean) {
  if (keeper) return;
  if (grant.state === 'pending') {
    background.push(approveLater(grant.id));
    return;
  }
  background.push(followUp(who, grant.id));
}

/** An armed approval kill fires when an approve request reaches its replica. */
function killIfArmedForApproval(replica: Replica) {
  if (armed?.phase === 'approval' && armed.replica === replica) {
    const fire = armed.fire;
    setTimeout(() => fire('POST /approve sent'), random() * 40);
  }
}

async function approveLater(id: string) {
  await sleep(1000 + random() * 3000);
  for (let attempt = 0; attempt < 8; attempt++) {
    const res = await send(
      'alice',
      'POST',
      `/grants/${id}/approve`,
      { comment: 'chaos' },
      killIfArmedForApproval,
    );
    if (res.status === 200) {
      stats.approvals += 1;
      const who: Who = res.body.requester?.endsWith('/bob') ? 'bob' : 'guest';
      await followUp(who, id);
      return;
    }
    if (res.status === 409 || res.status === 400) {
      // Approved meanwhile (the lost answer went through), or decided.
      const now = await send('alice', 'GET', `/grants/${id}`);
      if (now.body?.state !== 'pending') return;
    }
    await sleep(1000);
  }
}

/** Revoke some, extend some, probe AssumeRole on some, once active. */
async function followUp(who: Who, id: string) {
  const roll = random();
  if (roll < 0.15) {
    await sleep(2000 + random() * 30_000);
    driverRevoked.add(id);
    const res = await send(who, 'POST', `/grants/${id}/revoke`, {
      reason: 'chaos',
    });
    if (res.status === 200) stats.revokes += 1;
  } else if (roll < 0.25) {
    await sleep(5000 + random() * 30_000);
    const res = await send(who, 'POST', `/grants/${id}/extend`, {
      durationMinutes: 1,
      reason: 'chaos',
    });
    if (res.status === 200) stats.extends += 1;
    else stats.extendRefused += 1;
  } else if (roll < 0.35) {
    await probeAssumeRole(who, id);
  }
}

/**
 * Assumes the grant's role through the proxy as a person would, retrying
 * with backoff: with `--faults` the proxy answers AccessDenied for 5 s after
 * CreateRole, as IAM's eventual consistency does on AWS.
 */
async function probeAssumeRole(who: Who, id: string) {
  const grant = await send(who, 'GET', `/grants/${id}`);
  if (grant.body?.state !== 'active' || !grant.body.roleArn) return;
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${PORTS.proxy}`,
    credentials: { accessKeyId: 'CHAOSDRIVER', secretAccessKey: 'chaos' },
    maxAttempts: 1,
  });
  const begin = Date.now();
  let attempts = 0;
  try {
    for (
      let delay = 250;
      Date.now() - begin < 15_000;
      delay = Math.min(delay * 2, 4000)
    ) {
      attempts += 1;
      try {
        await sts.send(
          new AssumeRoleCommand({
            RoleArn: grant.body.roleArn,
            RoleSessionName: who,
          }),
        );
        stats.assumeProbes.push({ attempts, ms: Date.now() - begin, ok: true });
        return;
      } catch {
        await sleep(delay * (0.5 + random()));
      }
    }
    stats.assumeProbes.push({ attempts, ms: Date.now() - begin, ok: false });
  } finally {
    sts.destroy();
  }
}

// ---------------------------------------------------------------- kills

function triggers(phase: Phase): (c: ProxiedCall) => boolean {
  switch (phase) {
    case 'provisioning':
      return c =>
        c.operation === 'CreateRole' || c.operation === 'PutRolePolicy';
    case 'revocation':
      return c =>
        (c.operation === 'DeleteRolePolicy' || c.operation === 'DeleteRole') &&
        [...driverRevoked].length > 0;
    case 'expiry':
      return c =>
        c.operation === 'DeleteRolePolicy' || c.operation === 'DeleteRole';
    default:
      // Approval kills fire when an approve request is sent to the replica
      // (see approveLater), not on an AWS call.
      return () => false;
  }
}

async function killOnce(phase: Phase, timeoutMs: number) {
  const replica = pick(replicas.filter(r => r.ready));
  if (!replica) return;
  const other = replicas.find(r => r !== replica)!;
  const fired = await new Promise<string>(resolveFire => {
    const timer = setTimeout(
      () => done('timeout: nothing of the kind happened'),
      timeoutMs,
    );
    const match = triggers(phase);
    const onCall = (c: ProxiedCall) => {
      if (c.accessKeyId === replica.accessKeyId && match(c)) {
        // A little later, so that the call is in flight or just answered.
        setTimeout(
          () => done(`${c.operation} ${c.roleName ?? ''}`.trim()),
          random() * 60,
        );
      }
    };
    function done(trigger: string) {
      clearTimeout(timer);
      proxy.events.off('call', onCall);
      armed = undefined;
      resolveFire(trigger);
    }
    proxy.events.on('call', onCall);
    armed = { replica, phase, fire: done };
  });
  // The other replica must be up to carry on (it may be restarting still).
  while (!other.ready) await sleep(200);
  const kill: Kill = {
    replica: replica.options.name,
    phase,
    trigger: fired,
    at: Date.now(),
  };
  await replica.kill();
  kills.push(kill);
  log(`SIGKILL ${replica.options.name} during ${phase} (${fired}); restarting`);
  const restartMs = await replica.start();
  kill.restartMs = restartMs;
  log(`${replica.options.name} back after ${ms(restartMs)}`);
}

// ---------------------------------------------------------------- checks

interface Violation {
  check: string;
  detail: string;
}

async function main() {
  const runId = `${Date.now().toString(36)}${Math.floor(random() * 1e4)}`;
  const prefix = `chaos_${runId}_`;
  const outDir = join(ROOT, 'bench/chaos/out', runId);
  mkdirSync(outDir, { recursive: true });
  console.log('# chaos harness');
  for (const line of machine()) console.log(line);
  console.log(
    `Run ${runId}: seed ${SEED}, ${
      replicas.length || 2
    } replicas (:${PORTS.replicas.join(
      ', :',
    )}), ${GRANTS} grants of 1 minute over ${SEND_SECONDS} s, ${KILLS} kills, faults ${
      flag('faults') ? JSON.stringify(FAULTS) : 'off'
    }, databases ${prefix}*, logs ${outDir}`,
  );

  // moto, and the proxy in front of it
  const moto = spawn(
    'moto_server',
    ['-H', '127.0.0.1', '-p', String(PORTS.moto)],
    {
      stdio: 'ignore',
      detached: true,
      env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
    },
  );
  const motoUrl = `http://127.0.0.1:${PORTS.moto}`;
  const cleanups: Array<() => Promise<unknown> | void> = [
    () => {
      try {
        process.kill(-moto.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    },
  ];
  // The run's databases go at the very end (cleanups run in reverse), also
  // when the run fails.
  if (!flag('keep')) {
    cleanups.unshift(async () => {
      const admin = knexFactory({ client: 'pg', connection: PG_URL });
      try {
        const { rows } = await admin.raw(
          'SELECT datname FROM pg_database WHERE datname LIKE ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    });
  }
  const violations: Violation[] = [];
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${motoUrl}/moto-api/data.json`)).ok) break;
      } catch {
        if (i > 100) throw new Error('moto did not start');
      }
      await sleep(100);
    }
    proxy = await startFaultProxy({
      target: motoUrl,
      port: PORTS.proxy,
      random,
    });
    cleanups.push(() => proxy.close());

    // the buckets, straight at moto, before the replicas' first discovery
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: motoUrl,
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    for (let i = 0; i < BUCKETS; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, BUCKETS - i) }, async (_, j) => {
          const Bucket = bucket(i + j);
          await s3.send(new CreateBucketCommand({ Bucket }));
          await s3.send(
            new PutBucketTaggingCommand({
              Bucket,
              Tagging: { TagSet: [{ Key: 'owner', Value: 'platform-team' }] },
            }),
          );
        }),
      );
    }
    s3.destroy();
    log(`seeded ${BUCKETS} buckets (owner platform-team)`);

    const env = {
      NODE_ENV: 'development',
      CHAOS_DB_PREFIX: prefix,
      CHAOS_PG_URL: PG_URL,
      AWS_ENDPOINT_URL: proxy.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_CLI_CREDENTIALS_FILE: join(outDir, 'aws-credentials'),
      LOG_LEVEL: 'warn',
    };
    replicas = PORTS.replicas.map(
      (port, i) =>
        new Replica({
          name: `r${i + 1}`,
          port,
          root: ROOT,
          logDir: outDir,
          env,
        }),
    );
    cleanups.push(() => Promise.all(replicas.map(r => r.stop())));
    // The first one alone creates the databases and runs the migrations.
    log(`r1 up after ${ms(await replicas[0].start())}`);
    log(`r2 up after ${ms(await replicas[1].start())}`);
    tokens.guest = await token(replicas[0], 'guest');
    tokens.bob = await token(replicas[1], 'bob');
    tokens.alice = await token(replicas[0], 'alice');
    // wait for the inventory: the first discovery of the buckets
    for (let i = 0; ; i++) {
      const res = await call(
        replicas[0],
        'guest',
        'GET',
        `/actions?resourceArn=arn:aws:s3:::${bucket(0)}`,
      );
      const probe = await call(
        replicas[0],
        'guest',
        'POST',
        '/grants/preview',
        {
          resourceArn: `arn:aws:s3:::${bucket(0)}`,
          actions: ['s3:GetObject'],
          durationMinutes: 1,
          reason: 'probe',
        },
      );
      if (res.status === 200 && probe.status !== 503 && probe.status !== 400)
        break;
      if (i > 120)
        throw new Error(
          `the inventory never filled: ${JSON.stringify(probe.body).slice(
            0,
            300,
          )}`,
        );
      await sleep(1000);
    }
    log('inventory ready; faults on, driving');
    proxy.setFaults(FAULTS);

    // Kills: spread from early in the sending to the end of the expiries
    // that follow it, each at a moment of its kind (provisioning and
    // approval while grants are coming in, revocation and expiry once
    // there are grants to end).
    const phases: Phase[] = [
      'provisioning',
      'approval',
      'revocation',
      'expiry',
    ];
    const killer = (async () => {
      const begin = Date.now();
      const first = 0.15 * SEND_SECONDS * 1000;
      const last = SEND_SECONDS * 1000 + 60_000;
      for (let k = 0; k < KILLS; k++) {
        const due =
          begin + first + (KILLS > 1 ? (k * (last - first)) / (KILLS - 1) : 0);
        await sleep(Math.max(0, due - Date.now()));
        const at = Date.now() - begin;
        let phase = phases[k % phases.length];
        // No new grants after the sending: end-of-life kills instead.
        if (
          (phase === 'provisioning' || phase === 'approval') &&
          at > SEND_SECONDS * 1000 + 3000
        )
          phase = 'expiry';
        // Nothing expires before the first grants are a minute old.
        if (phase === 'expiry' && at < 62_000)
          phase = k % 2 ? 'revocation' : 'provisioning';
        await killOnce(phase, 15_000);
      }
    })();

    // grants, evenly over SEND_SECONDS
    const sender = (async () => {
      const begin = Date.now();
      const inFlight: Promise<unknown>[] = [];
      for (let i = 0; i < GRANTS; i++) {
        await sleep(
          Math.max(0, begin + (i * SEND_SECONDS * 1000) / GRANTS - Date.now()),
        );
        inFlight.push(requestGrant(i, { durationMinutes: 1 }));
      }
      await Promise.all(inFlight);
    })();
    await sender;
    log(
      `sent ${stats.posted} POST /grants: ${stats.created} created, ${
        stats.duplicates
      } duplicates refused (409), other answers ${JSON.stringify(
        stats.refused,
      )}`,
    );
    // keepers: live when the checks run, then revoked
    const keepers = (
      await Promise.all(
        Array.from({ length: KEEPERS }, (_, k) =>
          requestGrant(GRANTS + k, {
            durationMinutes: 15,
            write: false,
            keeper: true,
          }),
        ),
      )
    ).filter(Boolean);
    await killer;
    log(`kills done: ${kills.length}`);
    await Promise.all(background);

    // wait until every grant but the keepers has ended
    const dbUrl = new URL(PG_URL);
    dbUrl.pathname = `/${prefix}aws-access`;
    const db = knexFactory({ client: 'pg', connection: dbUrl.toString() });
    cleanups.push(() => db.destroy());
    const keeperIds = new Set(keepers.map((k: any) => k.id));
    const deadline = Date.now() + 240_000;
    for (;;) {
      const open = await db('grants')
        .whereIn('state', [
          'requested',
          'pending',
          'provisioning',
          'active',
          'revoking',
        ])
        .whereNotIn('id', [...keeperIds]);
      if (!open.length) break;
      if (Date.now() > deadline) {
        log(
          `still open after the wait: ${open
            .map(g => `${g.id} ${g.state}`)
            .slice(0, 10)
            .join(', ')}`,
        );
        break;
      }
      await sleep(2000);
    }
    log('all one-minute grants ended; checking');

    violations.push(...(await checkGrants(db, keeperIds)));
    violations.push(
      ...checkCreateRole(
        await db('grants').select('id', 'role_name', 'state', 'last_error'),
      ),
    );
    violations.push(...(await checkIam(db, motoUrl, 'with the keepers live')));
    violations.push(...(await checkCatalog(db, 'with the keepers live')));

    // revoke the keepers: nothing may be left behind
    await Promise.all(
      keepers.map(async (k: any) => {
        const who: Who = k.requester?.endsWith('/bob') ? 'bob' : 'guest';
        for (let attempt = 0; attempt < 10; attempt++) {
          const res = await send(who, 'POST', `/grants/${k.id}/revoke`, {
            reason: 'chaos end',
          });
          if (res.status === 200) return;
          keeperRevokeAnswers.push(
            `${k.id}: ${res.status} ${String(
              res.body?.error?.message ?? res.body,
            ).slice(0, 120)}`,
          );
          await sleep(1000);
        }
      }),
    );
    for (let i = 0; i < 60; i++) {
      const open = await db('grants').whereIn('state', [
        'requested',
        'pending',
        'provisioning',
        'active',
        'revoking',
      ]);
      if (!open.length) break;
      await sleep(1000);
    }
    violations.push(
      ...(await checkIam(db, motoUrl, 'after revoking the keepers')),
    );
    violations.push(...(await checkCatalog(db, 'after revoking the keepers')));
    violations.push(...(await checkGrants(db, new Set())));
    violations.push(...(await checkEvents(db)));
    violations.push(...(await checkRoleGoneBeforeEnd(db)));

    await report(db, violations, keepers.length);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`cleanup: ${error}`);
      }
    }
  }
  return violations;
}

const LIVE = ['provisioning', 'active', 'revoking'];
const TERMINAL = ['expired', 'revoked', 'failed', 'rejected', 'cancelled'];

async function checkGrants(
  db: Knex,
  keepers: Set<string>,
): Promise<Violation[]> {
  const out: Violation[] = [];
  const grants = await db('grants');
  for (const g of grants) {
    if (keepers.has(g.id)) {
      if (g.state !== 'active')
        out.push({
          check: 'keeper live',
          detail: `${g.id} is ${g.state}: ${g.last_error ?? ''}`,
        });
      continue;
    }
    if (!TERMINAL.includes(g.state)) {
      out.push({
        check: 'none stuck',
        detail: `${g.id} is still ${g.state} (expires ${
          g.expires_at?.toISOString?.() ?? g.expires_at
        })`,
      });
    } else if (g.state === 'failed' && !g.last_error) {
      out.push({
        check: 'failed with a cause',
        detail: `${g.id} failed without lastError`,
      });
    }
  }
  return out;
}

/** CreateRole at most once per role, or a retry that found its own role. */
function checkCreateRole(
  grants: Array<{
    id: string;
    role_name: string;
    state: string;
    last_error: string | null;
  }>,
): Violation[] {
  const out: Violation[] = [];
  const byRole = new Map<string, ProxiedCall[]>();
  for (const c of proxy.calls) {
    if (
      c.service === 'iam' &&
      c.operation === 'CreateRole' &&
      c.roleName &&
      c.motoStatus !== undefined
    ) {
      byRole.set(c.roleName, [...(byRole.get(c.roleName) ?? []), c]);
    }
  }
  const grantOf = new Map(grants.map(g => [g.role_name, g]));
  createRoleStats.roles = byRole.size;
  for (const [role, calls] of byRole) {
    const created = calls.filter(c => c.motoStatus === 200).length;
    if (created > 1) {
      out.push({
        check: 'CreateRole once per role',
        detail: `${role} created ${created} times`,
      });
    }
    if (calls.length > 1) {
      const grant = grantOf.get(role);
      const adopted = proxy.calls.some(
        c =>
          c.operation === 'GetRole' &&
          c.roleName === role &&
          c.at >= calls[1].at,
      );
      const conflict =
        grant?.state === 'failed' &&
        /already exists/i.test(grant.last_error ?? '');
      if (!grant || conflict || !adopted) {
        out.push({
          check: 'CreateRole once per role',
          detail: `${role}: ${calls.length} CreateRole reached moto (${calls
            .map(c => c.motoError ?? c.motoStatus)
            .join(', ')}), grant ${grant?.id ?? 'none'} ${
            grant?.state ?? ''
          }, GetRole after retry: ${adopted}`,
        });
      } else {
        createRoleStats.retriedAndFound += 1;
      }
    }
  }
  return out;
}

async function checkIam(
  db: Knex,
  motoUrl: string,
  when: string,
): Promise<Violation[]> {
  const out: Violation[] = [];
  const iam = new IAMClient({
    region: 'us-east-1',
    endpoint: motoUrl,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    const roles = new Set<string>();
    for await (const page of paginateListRoles(
      { client: iam },
      { PathPrefix: ROLE_PATH },
    )) {
      for (const role of page.Roles ?? []) roles.add(role.RoleName!);
    }
    const grants = await db('grants').select(
      'id',
      'state',
      'role_name',
      'policy_name',
    );
    const live = grants.filter(g => LIVE.includes(g.state));
    const liveRoles = new Set(live.map(g => g.role_name));
    const orphans = [...roles].filter(r => !liveRoles.has(r));
    for (const r of orphans)
      out.push({ check: `no role without a live grant (${when})`, detail: r });
    for (const g of live.filter(x => x.state === 'active')) {
      if (!roles.has(g.role_name)) {
        out.push({
          check: `live grant has its role (${when})`,
          detail: `${g.id} ${g.role_name}`,
        });
        continue;
      }
      try {
        await iam.send(
          new GetRolePolicyCommand({
            RoleName: g.role_name,
            PolicyName: g.policy_name,
          }),
        );
      } catch (error) {
        const names = await iam.send(
          new ListRolePoliciesCommand({ RoleName: g.role_name }),
        );
        out.push({
          check: `live grant has its policy (${when})`,
          detail: `${g.id} ${g.role_name}: ${error} (has ${names.PolicyNames})`,
        });
      }
    }
    iamSnapshots.push(
      `${when}: ${roles.size} roles under ${ROLE_PATH}, ${
        live.length
      } live grants (${
        live.filter(g => g.state === 'active').length
      } active), ${orphans.length} orphans`,
    );
  } finally {
    iam.destroy();
  }
  return out;
}

/** The catalog's grant entities equal the active grants within one refresh (20 s) and its processing. */
async function checkCatalog(db: Knex, when: string): Promise<Violation[]> {
  const replica = replicas.find(r => r.ready)!;
  let last = '';
  for (let i = 0; i < 45; i++) {
    const active = new Set(
      (await db('grants').where('state', 'active').select('id')).map(g => g.id),
    );
    const res = await fetch(
      `${replica.baseUrl}/api/catalog/entities/by-query?filter=kind=resource,spec.type=aws-access-grant&limit=1000`,
      { headers: { authorization: `Bearer ${tokens.guest}` } },
    );
    const body: any = await res.json();
    const inCatalog = new Set<string>(
      (body.items ?? []).map(
        (e: any) => e.metadata.annotations?.['aws-access/grant-id'],
      ),
    );
    const missing = [...active].filter(id => !inCatalog.has(id));
    const extra = [...inCatalog].filter(id => !active.has(id));
    last = `${active.size} active, ${inCatalog.size} grant entities, missing ${missing.length}, extra ${extra.length}`;
    if (!missing.length && !extra.length) {
      catalogSnapshots.push(`${when}: match after ${i} s (${last})`);
      return [];
    }
    await sleep(1000);
  }
  catalogSnapshots.push(`${when}: NO match within 45 s (${last})`);
  return [{ check: `catalog matches live grants (${when})`, detail: last }];
}

/** Every state change has exactly one event: the transitions chain from the first to the current state. */
/**
 * A grant ends (`expired`, `revoked`) only once IAM no longer has its role:
 * a `DeleteRole` for it answered (success, or `NoSuchEntity`) before
 * `ended_at`. A role removed later (by the reconciler, as an orphan) means the
 * grant was recorded as ended while its role still existed.
 */
async function checkRoleGoneBeforeEnd(db: Knex): Promise<Violation[]> {
  const out: Violation[] = [];
  const created = new Set(
    proxy.calls
      .filter(c => c.operation === 'CreateRole' && c.motoStatus === 200)
      .map(c => c.roleName),
  );
  const deletes = new Map<string, ProxiedCall[]>();
  for (const c of proxy.calls) {
    if (
      c.operation === 'DeleteRole' &&
      c.roleName &&
      c.doneAt &&
      (c.motoStatus === 200 || c.motoError === 'NoSuchEntity')
    ) {
      deletes.set(c.roleName, [...(deletes.get(c.roleName) ?? []), c]);
    }
  }
  const ended = await db('grants')
    .whereIn('state', ['expired', 'revoked'])
    .select('id', 'state', 'role_name', 'ended_at');
  for (const g of ended) {
    if (!created.has(g.role_name)) continue;
    endStats.checked += 1;
    const endedAt = new Date(g.ended_at).getTime();
    const first = Math.min(
      ...(deletes.get(g.role_name) ?? []).map(c => c.doneAt!),
    );
    // 250 ms: the proxy stamps moto's answer before relaying it.
    if (!(first <= endedAt + 250)) {
      out.push({
        check: 'role deleted before the grant ended',
        detail: `${g.id} ${g.state} at ${new Date(endedAt).toISOString()}; ${
          Number.isFinite(first)
            ? `role deleted ${((first - endedAt) / 1000).toFixed(1)} s later`
            : 'role never deleted'
        }`,
      });
    }
  }
  return out;
}

async function checkEvents(db: Knex): Promise<Violation[]> {
  const out: Violation[] = [];
  const grants = await db('grants').select('id', 'state');
  const events = await db('grant_events')
    .whereNotNull('to_state')
    .orderBy('id');
  const byGrant = new Map<string, any[]>();
  for (const e of events)
    byGrant.set(e.grant_id, [...(byGrant.get(e.grant_id) ?? []), e]);
  eventStats.transitions = events.length;
  for (const g of grants) {
    const chain = byGrant.get(g.id) ?? [];
    let at: string | null = null;
    for (const e of chain) {
      if (e.from_state !== at && !(at === null && e.from_state === null)) {
        out.push({
          check: 'one event per state change',
          detail: `${g.id}: event ${e.id} ${e.type} ${e.from_state}→${e.to_state} after ${at}`,
        });
        break;
      }
      at = e.to_state;
    }
    if (at !== g.state) {
      out.push({
        check: 'one event per state change',
        detail: `${g.id}: events end at ${at}, grant is ${g.state}`,
      });
    }
  }
  return out;
}

async function report(db: Knex, violations: Violation[], keepers: number) {
  const states = await db('grants')
    .select('state')
    .count('* as n')
    .groupBy('state');
  const failed = await db('grants')
    .where('state', 'failed')
    .select('last_error');
  const lag = await db('grants')
    .where('state', 'expired')
    .select(
      db.raw('EXTRACT(EPOCH FROM (ended_at - expires_at)) * 1000 AS lag'),
    );
  const byOp: Record<string, number> = {};
  const faults: Record<string, number> = {};
  for (const c of proxy.calls) {
    if (c.accessKeyId === 'CHAOSDRIVER') continue;
    const key = `${c.service}:${c.operation}`;
    byOp[key] = (byOp[key] ?? 0) + 1;
    if (c.fault) faults[c.fault] = (faults[c.fault] ?? 0) + 1;
  }
  const iamMs = proxy.calls
    .filter(
      c => c.service === 'iam' && c.doneAt && c.accessKeyId !== 'CHAOSDRIVER',
    )
    .map(c => c.doneAt! - c.at);
  console.log();
  console.log('## Result');
  for (const line of machine()) console.log(line);
  console.log(
    `grants: ${
      stats.created
    } created (${keepers} of them 15-minute keepers, live during the first checks) by ${
      stats.posted
    } POST /grants; ${
      stats.duplicates
    } refused as duplicates of a live grant (409: a retry after a lost answer, or the same bucket and actions again); other answers ${JSON.stringify(
      stats.refused,
    )}`,
  );
  console.log(
    `final states: ${states.map((s: any) => `${s.state} ${s.n}`).join(', ')}`,
  );
  const causes: Record<string, number> = {};
  for (const f of failed)
    causes[String(f.last_error).slice(0, 100)] =
      (causes[String(f.last_error).slice(0, 100)] ?? 0) + 1;
  if (failed.length) console.log(`failed, by cause: ${JSON.stringify(causes)}`);
  console.log(
    `driver: ${stats.approvals} approvals, ${stats.revokes} revokes, ${stats.extends} extends (${stats.extendRefused} refused), ${stats.lostAnswers} answers lost to kills/restarts (retried)`,
  );
  console.log(
    `kills: ${kills.length} — ${Object.entries(
      kills.reduce(
        (a, k) => ({ ...a, [k.phase]: (a[k.phase] ?? 0) + 1 }),
        {} as Record<string, number>,
      ),
    )
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}; restart p50 ${ms(
      percentile(
        kills.map(k => k.restartMs ?? NaN).filter(x => !Number.isNaN(x)),
        50,
      ),
    )}`,
  );
  for (const k of kills)
    console.log(
      `  ${new Date(k.at).toISOString()} ${k.replica} during ${k.phase}: ${
        k.trigger
      }`,
    );
  const lags = lag.map((l: any) => Number(l.lag));
  console.log(
    `expiry lag (ended_at - expires_at, ${lags.length} expired): p50 ${ms(
      percentile(lags, 50),
    )}, p90 ${ms(percentile(lags, 90))}, p99 ${ms(
      percentile(lags, 99),
    )}, max ${ms(Math.max(...lags))}; over 10 s: ${
      lags.filter(l => l > 10_000).length
    }`,
  );
  console.log(
    `AWS calls through the proxy: ${Object.entries(byOp)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `faults injected: ${
      Object.keys(faults).length ? JSON.stringify(faults) : 'none'
    }; IAM answer time at the proxy p50 ${ms(percentile(iamMs, 50))}, p99 ${ms(
      percentile(iamMs, 99),
    )}`,
  );
  const probes = stats.assumeProbes;
  if (probes.length) {
    console.log(
      `AssumeRole probes after active: ${probes.length}, usable ${
        probes.filter(p => p.ok).length
      }; attempts p50 ${percentile(
        probes.map(p => p.attempts),
        50,
      )}, max ${Math.max(
        ...probes.map(p => p.attempts),
      )}; time to usable p50 ${ms(
        percentile(
          probes.filter(p => p.ok).map(p => p.ms),
          50,
        ),
      )}, p99 ${ms(
        percentile(
          probes.filter(p => p.ok).map(p => p.ms),
          99,
        ),
      )}`,
    );
  }
  console.log(
    `CreateRole: ${createRoleStats.roles} roles, ${createRoleStats.retriedAndFound} retried after a lost answer and found their own role`,
  );
  console.log(`state-change events: ${eventStats.transitions}`);
  console.log(
    `ended grants whose role deletion was checked against ended_at: ${endStats.checked}`,
  );
  if (keeperRevokeAnswers.length) {
    console.log(
      `keeper revokes answered otherwise (retried): ${keeperRevokeAnswers.join(
        '; ',
      )}`,
    );
  }
  for (const line of iamSnapshots) console.log(`IAM ${line}`);
  for (const line of catalogSnapshots) console.log(`catalog ${line}`);
  console.log();
  const checks = [
    'none stuck',
    'failed with a cause',
    'keeper live',
    'CreateRole once per role',
    'no role without a live grant',
    'live grant has its role',
    'live grant has its policy',
    'one event per state change',
    'role deleted before the grant ended',
    'catalog matches live grants',
  ];
  for (const check of checks) {
    const hits = violations.filter(v => v.check.startsWith(check));
    console.log(
      `${hits.length ? 'FAIL' : 'ok  '} ${check}${
        hits.length ? `: ${hits.length}` : ''
      }`,
    );
    for (const v of hits.slice(0, 5))
      console.log(`       ${v.check}: ${v.detail}`);
  }
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
