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
 * One measured discovery, in a fresh process so that its memory peak is its
 * own: `ours-all`, `ours-s3` or `roadie-s3`. The AWS endpoint is the
 * counting proxy (`AWS_ENDPOINT_URL`, set by the bench). Sends
 * `{ bench: MeasureResult }` to the parent.
 */
import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogPolicy } from '../../../plugins/catalog-backend-module-aws-access/src/testUtils/catalogPolicy';
import type {
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { AwsResourceEntityProvider } from '../../../plugins/catalog-backend-module-aws-access/src/AwsResourceEntityProvider';
import { ACCOUNTS, OTHER_REGION, S3_REGION, readerRoleArn } from './accounts';

/** `floor-s3`: the raw SDK calls any S3 discovery needs (src/floor.ts). */
export type Mode = 'ours-all' | 'ours-s3' | 'roadie-s3' | 'floor-s3';

export interface MeasureResult {
  mode: Mode;
  wallMs: number;
  /** The process's RSS high-water mark (kernel `maxrss`), module loading included. */
  peakRssBytes: number;
  /** RSS just before discovery, after loading modules and a full GC. */
  baselineRssBytes: number;
  /** Highest V8 heap in use sampled every 5 ms during discovery. */
  peakHeapBytes: number;
  baselineHeapBytes: number;
  mutations: number;
  entities: number;
  /** Different `metadata.name`s: fewer than entities means some resource came twice. */
  distinctNames: number;
  validEntities: number;
  ownerFromTag: number;
  fallbackOwner: string;
  ownerFallback: number;
  sample?: { name: string; title?: string; owner: unknown };
  problems: string[];
}

/** A logger that drops info and debug lines and keeps warnings and errors. */
function recordingLogger(problems: string[]): LoggerService {
  const logger: LoggerService = {
    error: message => void problems.push(`error: ${message}`),
    warn: message => void problems.push(`warn: ${message}`),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/** A scheduler's task runner that runs the task once, now. */
const runOnce: SchedulerServiceTaskRunner = {
  run: async ({ fn }) => {
    await fn(new AbortController().signal);
  },
};

/**
 * A module loaded when a mode needs it. (The bench runs as CommonJS through
 * the CLI's transform, where `import()` of a TypeScript file loses names.)
 */
function load<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path);
}

/**
 * Each mode loads only its own code: a process measuring ours never holds
 * roadie's modules (nor the other way round), so peak RSS is the run's own.
 */
async function providersFor(
  mode: Mode,
  problems: string[],
): Promise<EntityProvider[]> {
  const logger = recordingLogger(problems);
  if (mode === 'floor-s3') {
    const { floorS3 } = load<typeof import('./floor')>('./floor');
    return [
      {
        getProviderName: () => 'floor',
        connect: async connection => {
          const accounts = await floorS3();
          await connection.applyMutation({
            type: 'full',
            entities: accounts.flatMap(buckets =>
              [...buckets].map(([name, owner]) => ({
                locationKey: 'floor',
                entity: {
                  apiVersion: 'backstage.io/v1alpha1',
                  kind: 'Resource',
                  metadata: { name, title: name },
                  spec: { type: 's3-bucket', owner: owner ?? 'unknown' },
                },
              })),
            ),
          });
        },
      },
    ];
  }
  if (mode === 'roadie-s3') {
    const { AWSS3BucketProvider } = load<
      typeof import('@roadiehq/catalog-backend-module-aws')
    >('@roadiehq/catalog-backend-module-aws');
    // One provider per account, as its README wires them. Without
    // `useTemporaryCredentials` its S3 client gets the credential provider
    // as its whole config (`new S3(credentials)`) and so runs on the default
    // chain: every account's provider would list account A. With it, each
    // assumes the account's role.
    return ACCOUNTS.map(account =>
      AWSS3BucketProvider.fromConfig(
        new ConfigReader({
          accountId: account.id,
          roleName: 'bench-reader',
          roleArn: readerRoleArn(account.id),
          region: S3_REGION,
        }),
        { logger, taskRunner: runOnce, useTemporaryCredentials: true },
      ),
    );
  }
  const rootConfig = new ConfigReader({
    awsAccess: {
      accounts: ACCOUNTS.map((account, index) => ({
        accountId: account.id,
        name: `bench-${account.prefix}`,
        regions: mode === 'ours-s3' ? [S3_REGION] : [S3_REGION, OTHER_REGION],
        // Account A through the default chain, B through its reader role,
        // as a setup whose backend runs in A would have it.
        ...(index > 0 ? { readerRoleArn: readerRoleArn(account.id) } : {}),
      })),
      // As an adopter who wants only buckets configures it: the same
      // scope as roadie's S3 provider.
      ...(mode === 'ours-s3'
        ? { catalog: { resourceTypes: ['AWS::S3::Bucket'] } }
        : {}),
    },
  });
  const { DefaultAwsClientFactory } = load<
    typeof import('../../../plugins/aws-access-node/src/aws/DefaultAwsClientFactory')
  >('../../../plugins/aws-access-node/src/aws/DefaultAwsClientFactory');
  const { AwsResourceEntityProvider } = load<
    typeof import('../../../plugins/catalog-backend-module-aws-access/src/AwsResourceEntityProvider')
  >(
    '../../../plugins/catalog-backend-module-aws-access/src/AwsResourceEntityProvider',
  );
  const { readAwsAccessConfig } = load<
    typeof import('../../../plugins/aws-access-node/src/config/AwsAccessConfig')
  >('../../../plugins/aws-access-node/src/config/AwsAccessConfig');
  const config = readAwsAccessConfig(rootConfig);
  return [
    AwsResourceEntityProvider.fromConfig(config, {
      clientFactory: DefaultAwsClientFactory.fromConfig(rootConfig, config),
      logger,
      taskRunner: runOnce,
    }),
  ];
}

async function measure(mode: Mode): Promise<MeasureResult> {
  const problems: string[] = [];
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => void mutations.push(mutation),
    refresh: async () => {},
  };
  const providers = await providersFor(mode, problems);

  global.gc?.();
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);

  const start = performance.now();
  await Promise.all(providers.map(provider => provider.connect(connection)));
  const wallMs = performance.now() - start;

  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;

  for (const provider of providers) {
    if ('getStatus' in provider) {
      for (const part of (provider as AwsResourceEntityProvider).getStatus()) {
        if (part.status === 'error') {
          problems.push(`${part.accountId} ${part.type}: ${part.error}`);
        }
      }
    }
  }

  const entities: Entity[] = mutations.flatMap(m =>
    (m.type === 'full' ? m.entities : m.added).map(d => d.entity),
  );
  let validEntities = 0;
  for (const entity of entities) {
    try {
      await catalogPolicy.enforce(entity);
      validEntities++;
    } catch (error) {
      if (problems.length < 5) problems.push(`invalid entity: ${error}`);
    }
  }
  const fallbackOwner =
    mode === 'roadie-s3' || mode === 'floor-s3'
      ? 'unknown'
      : 'group:default/unowned';
  const ownerFallback = entities.filter(
    e => e.spec?.owner === fallbackOwner,
  ).length;
  const sample = entities.find(e => e.metadata.title?.endsWith('bucket-00000'));

  return {
    mode,
    wallMs,
    peakRssBytes,
    baselineRssBytes: baseline.rss,
    peakHeapBytes: peakHeap,
    baselineHeapBytes: baseline.heapUsed,
    mutations: mutations.length,
    entities: entities.length,
    distinctNames: new Set(entities.map(e => e.metadata.name)).size,
    validEntities,
    ownerFromTag: entities.length - ownerFallback,
    fallbackOwner,
    ownerFallback,
    sample: sample && {
      name: sample.metadata.name,
      title: sample.metadata.title,
      owner: sample.spec?.owner,
    },
    problems,
  };
}

if (require.main === module) {
  measure(process.argv[2] as Mode).then(
    result => process.send!({ bench: result }, () => process.exit(0)),
    error => {
      process.send!({ bench: { error: String(error?.stack ?? error) } }, () =>
        process.exit(1),
      );
    },
  );
}
