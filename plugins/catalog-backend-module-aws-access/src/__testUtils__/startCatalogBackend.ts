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
  createServiceFactory,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { catalogModuleAwsAccess } from '../module';

/**
 * The real catalog backend with this module and `features`, so a test sees
 * what a user would find in the catalog. Stitching is immediate, and the
 * scheduler is the test's: `scheduler.triggerTask` runs a refresh when the
 * test wants it, and nothing runs on its own.
 */
export async function startCatalogBackend(options: {
  awsAccess: JsonObject;
  features: BackendFeature[];
}) {
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleAwsAccess,
      ...options.features,
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          catalog: { stitchingStrategy: { mode: 'immediate' } },
          awsAccess: options.awsAccess,
        },
      }),
    ],
  });

  /** The entities that match a catalog `filter`, as a signed-in user reads them. */
  const entities = async (filter: string): Promise<Entity[]> => {
    const res = await request(backend.server)
      .get('/api/catalog/entities/by-query')
      .query({ filter })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body.items;
  };

  /**
   * Polls the entities matching `filter` until `check` holds, for at most
   * `ms`: the catalog processes and stitches in the background.
   */
  const waitForEntities = async (
    filter: string,
    check: (found: Entity[]) => boolean,
    ms = 5000,
  ): Promise<Entity[]> => {
    const deadline = Date.now() + ms;
    let found = await entities(filter);
    while (!check(found)) {
      if (Date.now() > deadline) {
        throw new Error(
          `the catalog did not reach the expected ${filter} entities within ${ms} ms; has ${found
            .map(e => e.metadata.name)
            .join(', ')}`,
        );
      }
      await new Promise(r => setTimeout(r, 200));
      found = await entities(filter);
    }
    return found;
  };

  return { backend, scheduler, entities, waitForEntities };
}
