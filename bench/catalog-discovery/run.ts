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

/**
 * catalog-discovery bench: seeds 10,000 resources in two moto accounts, then
 * measures one discovery refresh of our AwsResourceEntityProvider (all
 * types, and S3 alone) and of @roadiehq/catalog-backend-module-aws 5.11's
 * AWSS3BucketProvider on the same 5,000 buckets. Each discovery runs in a
 * fresh Node process (clean memory peak); a proxy in front of moto counts
 * every AWS call by operation. Run with `pnpm bench:catalog`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startMotoServer } from '../../plugins/aws-access-node/src/testUtils/motoServer';
import { ACCOUNTS, OTHER_REGION, PER_ACCOUNT, S3_REGION } from './src/accounts';
import { describeMachine } from '../shared/machine';
import type { MeasureResult, Mode } from './src/measure';
import { seed } from './src/seed';

const CHILD_TIMEOUT_MS = 240_000;
const TRANSFORM = require.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
);
const MIB = 1024 * 1024;

const count = (n: number) => n.toLocaleString('en');
const ALL =
  Object.values(PER_ACCOUNT).reduce((a, b) => a + b, 0) * ACCOUNTS.length;
const BUCKETS = PER_ACCOUNT['s3-bucket'] * ACCOUNTS.length;
const RUNS: Array<{ mode: Mode; label: string }> = [
  { mode: 'ours-all', label: `ours, all 8 types (${count(ALL)})` },
  { mode: 'ours-s3', label: `ours, S3 only (${count(BUCKETS)})` },
  { mode: 'roadie-s3', label: `roadie 5.11 S3 (${count(BUCKETS)})` },
  { mode: 'floor-s3', label: `floor: raw SDK S3 (${count(BUCKETS)})` },
];

type Calls = Record<string, number>;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const total = (calls: Calls) => Object.values(calls).reduce((a, b) => a + b, 0);
const pad = (text: string | number, width: number) =>
  String(text).padEnd(width);

function forkTs(file: string, args: string[], env: NodeJS.ProcessEnv) {
  return fork(join(__dirname, file), args, {
    execArgv: ['--expose-gc', '--require', TRANSFORM],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} took longer than ${CHILD_TIMEOUT_MS} ms`));
    }, CHILD_TIMEOUT_MS);
    // The TypeScript loader also talks on this channel (file watch notices);
    // the bench's own messages come wrapped in `{ bench }`.
    const onMessage = (message: unknown) => {
      if (message && typeof message === 'object' && 'bench' in message) {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message.bench as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code}`));
    });
  });
}

/** One call of each kind the providers make, so no run pays moto's lazy imports. */
async function warmUp(endpoint: string) {
  const base = {
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const s3 = new S3Client({ ...base, region: S3_REGION, forcePathStyle: true });
  const Bucket = 'bench-a-bucket-00000';
  await s3.send(new GetBucketLocationCommand({ Bucket }));
  await s3.send(new GetBucketTaggingCommand({ Bucket }));
  for (const region of [S3_REGION, OTHER_REGION]) {
    await new ResourceGroupsTaggingAPIClient({ ...base, region }).send(
      new GetResourcesCommand({ ResourceTypeFilters: ['s3:bucket'] }),
    );
  }
  await new STSClient({ ...base, region: S3_REGION }).send(
    new GetCallerIdentityCommand({}),
  );
}

async function main() {
  const benchStart = performance.now();
  console.log('catalog-discovery bench');
  console.log(describeMachine());

  const moto = await startMotoServer();
  const proxy = forkTs('src/countingProxy.ts', [moto.endpoint], process.env);
  try {
    const { port } = await firstMessage<{ port: number }>(proxy, 'proxy');
    const proxyEndpoint = `http://127.0.0.1:${port}`;
    const readCalls = async (): Promise<Calls> =>
      (await fetch(`${proxyEndpoint}/__bench/calls`)).json();

    const seedStart = performance.now();
    const seeded = await seed(moto.endpoint);
    const seedMs = performance.now() - seedStart;
    const seededTotal = Object.values(seeded).reduce((a, b) => a + b, 0);
    console.log(
      `Seeded ${count(seededTotal)} resources in 2 accounts in ${seconds(
        seedMs,
      )}: ${Object.entries(seeded)
        .map(([type, n]) => `${type} ${n}`)
        .join(
          ', ',
        )} (buckets in ${S3_REGION}, half of them tagged; the rest in ${OTHER_REGION}, all tagged)`,
    );
    await warmUp(moto.endpoint);

    const results: Array<MeasureResult & { label: string; calls: Calls }> = [];
    for (const { mode, label } of RUNS) {
      await readCalls(); // resets the counts
      const child = forkTs('src/measure.ts', [mode], {
        ...process.env,
        AWS_ENDPOINT_URL: proxyEndpoint,
      });
      const message = await firstMessage<MeasureResult | { error: string }>(
        child,
        label,
      );
      if ('error' in message) throw new Error(`${label}: ${message.error}`);
      results.push({ ...message, label, calls: await readCalls() });
    }

    console.log(
      '\nOne refresh each, in a fresh Node process; AWS calls counted by a proxy in front of moto.\n',
    );
    const header = [
      pad('run', 32),
      pad('wall', 10),
      pad('AWS calls', 10),
      pad('peak RSS', 10),
      pad('RSS growth', 11),
      pad('peak heap', 10),
      'entities (distinct; valid; owner from tag / fallback)',
    ].join('');
    console.log(header);
    for (const r of results) {
      console.log(
        [
          pad(r.label, 32),
          pad(seconds(r.wallMs), 10),
          pad(total(r.calls), 10),
          pad(mib(r.peakRssBytes), 10),
          pad(mib(r.peakRssBytes - r.baselineRssBytes), 11),
          pad(mib(r.peakHeapBytes), 10),
          `${r.entities} (${r.distinctNames}; ${r.validEntities} valid; ${r.ownerFromTag} / ${r.ownerFallback} '${r.fallbackOwner}')`,
        ].join(''),
      );
    }

    console.log('\nAWS calls by operation:');
    for (const r of results) {
      const ops = Object.entries(r.calls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ');
      console.log(`  ${r.label}: ${ops}`);
    }

    const ours = results.find(r => r.mode === 'ours-s3')!;
    const roadie = results.find(r => r.mode === 'roadie-s3')!;
    const floor = results.find(r => r.mode === 'floor-s3')!;
    const ratio = (a: number, b: number) =>
      `${(a / b).toFixed(3)} (${(b / a).toFixed(1)}x)`;
    const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
    console.log('\nTargets for the S3-only run:');
    console.log(
      `  wall time ${seconds(ours.wallMs)} <= 1.5 x floor ${seconds(
        floor.wallMs,
      )} (${(ours.wallMs / floor.wallMs).toFixed(2)}x): ${verdict(
        ours.wallMs <= 1.5 * floor.wallMs,
      )}`,
    );
    console.log(
      `  AWS calls ${total(ours.calls)} <= 30 (floor ${total(
        floor.calls,
      )}): ${verdict(total(ours.calls) <= 30)}`,
    );
    console.log(
      `  peak RSS ${mib(ours.peakRssBytes)} <= 250 MiB: ${verdict(
        ours.peakRssBytes <= 250 * 2 ** 20,
      )}`,
    );
    console.log(
      `  ${(roadie.wallMs / ours.wallMs).toFixed(
        1,
      )}x faster than roadie >= 20x: ${verdict(
        roadie.wallMs >= 20 * ours.wallMs,
      )}`,
    );
    console.log(
      `\nRatios ours / roadie on the same ${count(
        BUCKETS,
      )} S3 buckets (in brackets: roadie / ours):`,
    );
    console.log(`  wall time   ${ratio(ours.wallMs, roadie.wallMs)}`);
    console.log(
      `  AWS calls   ${ratio(total(ours.calls), total(roadie.calls))}`,
    );
    console.log(
      `  peak RSS    ${ratio(ours.peakRssBytes, roadie.peakRssBytes)}`,
    );
    console.log(
      `  RSS growth  ${ratio(
        ours.peakRssBytes - ours.baselineRssBytes,
        roadie.peakRssBytes - roadie.baselineRssBytes,
      )}`,
    );
    console.log(
      `  peak heap   ${ratio(ours.peakHeapBytes, roadie.peakHeapBytes)}`,
    );

    console.log(
      '\nThe entity of bucket bench-a-bucket-00000 (tagged owner team-0):',
    );
    for (const r of [ours, roadie]) {
      console.log(
        `  ${r.label}: name ${r.sample?.name}, owner ${r.sample?.owner}`,
      );
    }
    const problems = results.flatMap(r =>
      r.problems.map(p => `  ${r.label}: ${p}`),
    );
    if (problems.length) console.log(`\nProblems:\n${problems.join('\n')}`);
    console.log(`\nBench done in ${seconds(performance.now() - benchStart)}.`);
  } finally {
    proxy.kill();
    await moto.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
