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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createInventoryReadiness,
  STILL_DISCOVERING_MESSAGE,
} from './inventoryReadiness';

const bucket = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'bucket',
    annotations: { 'aws.amazon.com/arn': 'arn:aws:s3:::bucket' },
  },
  spec: { type: 's3-bucket', owner: 'team' },
};
const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'app' },
  spec: {},
};

describe('createInventoryReadiness', () => {
  it('answers 503 until the catalog holds an AWS resource, then stays ready', async () => {
    const entities = [component];
    const catalog = catalogServiceMock({ entities });
    const readiness = createInventoryReadiness({
      catalog,
      auth: mockServices.auth(),
    });
    await expect(readiness.assertReady()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: STILL_DISCOVERING_MESSAGE,
    });
    const ready = createInventoryReadiness({
      catalog: catalogServiceMock({ entities: [component, bucket] }),
      auth: mockServices.auth(),
    });
    await expect(ready.assertReady()).resolves.toBeUndefined();
  });

  it('counts an empty inventory as ready after the grace period', async () => {
    let clock = 0;
    const readiness = createInventoryReadiness({
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      graceMs: 1000,
      now: () => clock,
    });
    await expect(readiness.assertReady()).rejects.toThrow(/still discovering/);
    clock = 1000;
    await expect(readiness.assertReady()).resolves.toBeUndefined();
  });
});
