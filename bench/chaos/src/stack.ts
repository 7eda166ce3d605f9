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
 * What a chaos or soak run stands on: moto, the counting fault proxy in front
 * of it, buckets seeded straight at moto before the first discovery, two
 * backend replicas on a fresh set of PostgreSQL databases, the driver's user
 * tokens, and the moment the inventory is read. `close()` takes it all down
 * again (the databases last, unless kept), also after a failed start.
 */
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { FaultProxy, startFaultProxy } from './faultProxy';
import { DriverApi } from './api';
import { sleep } from './measure';
import { Replica } from './replica';

// The harness runs from source (never bundled), two folders below the root.
// eslint-disable-next-line no-restricted-syntax
export const ROOT = resolve(__dirname, '..', '..', '..');
export const PG_URL =
  process.env.CHAOS_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const ROLE_PATH = '/backstage-access/';

export interface Ports {
  replicas: [number, number];
  proxy: number;
  moto: number;
}

export const bucketName = (i: number) => `chaos-${String(i).padStart(4, '0')}`;

/** A port nobody listens on now, from the kernel's ephemeral range. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

export interface Stack {
  runId: string;
  prefix: string;
  outDir: string;
  motoUrl: string;
  proxy: FaultProxy;
  replicas: Replica[];
  api: DriverApi;
  /** The aws-access plugin's database, shared by both replicas. */
  db: Knex;
  close(): Promise<void>;
}

export async function startStack(options: {
  /** `chaos` or `soak`: the database prefix and the log folder. */
  kind: string;
  ports: Ports;
  buckets: number;
  random: () => number;
  keepDatabases: boolean;
  log: (line: string) => void;
}): Promise<Stack> {
  const { kind, ports, random, log } = options;
  const runId = `${Date.now().toString(36)}${Math.floor(random() * 1e4)}`;
  const prefix = `${kind}_${runId}_`;
  const outDir = join(ROOT, 'bench', kind, 'out', runId);
  mkdirSync(outDir, { recursive: true });
  const cleanups: Array<() => Promise<unknown> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`cleanup: ${error}`);
      }
    }
    cleanups.length = 0;
  };
  // The run's databases go at the very end (cleanups run in reverse).
  if (!options.keepDatabases) cleanups.push(() => dropDatabases(prefix));
  try {
    const motoUrl = await startMoto(ports.moto, cleanups);
    const proxy = await startFaultProxy({
      target: motoUrl,
      port: ports.proxy,
      random,
    });
    cleanups.push(() => proxy.close());
    await seedBuckets(motoUrl, options.buckets);
    log(`seeded ${options.buckets} buckets (owner platform-team)`);

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
    const replicas = ports.replicas.map(
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
    log(`r1 up after ${((await replicas[0].start()) / 1000).toFixed(1)} s`);
    log(`r2 up after ${((await replicas[1].start()) / 1000).toFixed(1)} s`);
    const api = new DriverApi(() => replicas, random);
    await api.signIn(replicas[0], 'guest');
    await api.signIn(replicas[1], 'bob');
    await api.signIn(replicas[0], 'alice');
    await waitForInventory(api, replicas[0]);

    const dbUrl = new URL(PG_URL);
    dbUrl.pathname = `/${prefix}aws-access`;
    const db = knexFactory({ client: 'pg', connection: dbUrl.toString() });
    cleanups.push(() => db.destroy());
    return { runId, prefix, outDir, motoUrl, proxy, replicas, api, db, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startMoto(
  port: number,
  cleanups: Array<() => unknown>,
): Promise<string> {
  const moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'true' },
  });
  cleanups.push(() => {
    try {
      process.kill(-moto.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  });
  const motoUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${motoUrl}/moto-api/data.json`)).ok) return motoUrl;
    } catch {
      if (i > 100) throw new Error('moto did not start');
    }
    await sleep(100);
  }
}

async function seedBuckets(motoUrl: string, count: number) {
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: motoUrl,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    for (let i = 0; i < count; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
          const Bucket = bucketName(i + j);
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
  } finally {
    s3.destroy();
  }
}

/** Until the first discovery has read the buckets, a grant request is refused. */
async function waitForInventory(api: DriverApi, replica: Replica) {
  const resourceArn = `arn:aws:s3:::${bucketName(0)}`;
  for (let i = 0; ; i++) {
    const res = await api.call(
      replica,
      'guest',
      'GET',
      `/actions?resourceArn=${resourceArn}`,
    );
    const probe = await api.call(replica, 'guest', 'POST', '/grants/preview', {
      resourceArn,
      actions: ['s3:GetObject'],
      durationMinutes: 1,
      reason: 'probe',
    });
    if (res.status === 200 && probe.status !== 503 && probe.status !== 400)
      return;
    if (i > 120)
      throw new Error(
        `the inventory never filled: ${JSON.stringify(probe.body).slice(
          0,
          300,
        )}`,
      );
    await sleep(1000);
  }
}

async function dropDatabases(prefix: string) {
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
}

/** Bytes on disk of the run's databases, by database. */
export async function databaseSizes(
  prefix: string,
): Promise<Record<string, number>> {
  const admin = knexFactory({ client: 'pg', connection: PG_URL });
  try {
    const { rows } = await admin.raw(
      'SELECT datname, pg_database_size(datname) AS bytes FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    return Object.fromEntries(
      rows.map((r: any) => [r.datname.slice(prefix.length), Number(r.bytes)]),
    );
  } finally {
    await admin.destroy();
  }
}
