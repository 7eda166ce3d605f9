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

import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import awsAccessPlugin from '@backstage-aws-access/plugin-aws-access-backend';
import { Knex } from 'knex';
// The plugin's own test entities: users and discovered resources as the
// plugin's tests (and a real catalog) have them.
import {
  awsUser,
  discoveredResource,
} from '../../../plugins/aws-access-backend/src/service/__testUtils__/testApp';

export const ACCOUNT_ID = '123456789012';

/** The bench's Backstage users, each with an IAM user ARN to trust. */
export function benchUser(n: number): string {
  return `user:default/dev-${n}`;
}

/** The buckets the bench requests grants on (see lifecycle.ts). */
export function benchBuckets(): string[] {
  return [
    ...Array.from({ length: 50 }, (_, i) => `bench-revoke-${i}`),
    ...Array.from({ length: 200 }, (_, i) => `bench-lifecycle-${i}`),
  ];
}

export interface BenchBackend {
  /** Notifications the plugin sent (to the bench's recording double). */
  readonly notificationsSent: number;
  /** Base URL of the plugin's REST API, e.g. `http://localhost:1234/api/aws-access`. */
  baseUrl: string;
  /** The plugin's own database client (migrated), for bulk seeding. */
  knex: Knex;
  /** Calls the API as `user` and returns status and parsed JSON. */
  call(
    method: 'GET' | 'POST',
    path: string,
    options?: { user?: string; body?: unknown },
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * The aws-access plugin as a Backstage backend runs it: the real database
 * service (`backend.database`), the real scheduler (expiry sweep), the
 * plugin's HTTP router behind Backstage's root router. Auth, user info and
 * the catalog are Backstage's test doubles; notifications are recorded.
 */
export async function startBenchBackend(options: {
  database: JsonObject;
  users: number;
}): Promise<BenchBackend> {
  // A module of the plugin receives the plugin's own database service, so
  // the bench seeds through the same connection pool the store uses.
  let pluginDatabase: DatabaseService | undefined;
  const databaseProbe = createBackendModule({
    pluginId: 'aws-access',
    moduleId: 'bench-database-probe',
    register(reg) {
      reg.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          pluginDatabase = database;
        },
      });
    },
  });

  // The test backend has no notifications plugin; record what the plugin
  // would send instead of letting every send fail with a 404.
  let notificationsSent = 0;
  const notifications = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send() {
        notificationsSent += 1;
      },
    }),
  });

  const backend = await startTestBackend({
    features: [
      awsAccessPlugin,
      databaseProbe,
      schedulerServiceFactory,
      notifications,
      mockServices.rootLogger.factory({ level: 'warn' }),
      catalogServiceMock.factory({
        entities: [
          ...Array.from({ length: options.users }, (_, n) =>
            awsUser(`dev-${n}`, ACCOUNT_ID),
          ),
          ...benchBuckets().map(name =>
            // As the plugin's own discovery puts it in the catalog: grants
            // are only for resources the inventory knows.
            discoveredResource({
              name,
              arn: `arn:aws:s3:::${name}`,
              accountId: ACCOUNT_ID,
              owner: 'group:default/bench',
            }),
          ),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: options.database },
          awsAccess: {
            accounts: [
              { accountId: ACCOUNT_ID, name: 'bench', regions: ['us-east-1'] },
            ],
            schedules: {
              // The reconciler is not what is measured; its first pass would
              // otherwise land in the middle of the expiry window.
              reconciler: {
                frequency: { hours: 24 },
                timeout: { minutes: 10 },
                initialDelay: { hours: 1 },
              },
            },
          },
        },
      }),
    ],
  });

  const baseUrl = `http://localhost:${backend.server.port()}/api/aws-access`;
  const knex = await pluginDatabase!.getClient();

  return {
    baseUrl,
    knex,
    get notificationsSent() {
      return notificationsSent;
    },
    async call(method, path, { user = benchUser(0), body } = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: mockCredentials.user.header(user),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    stop: () => backend.stop(),
  };
}
