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

import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ordersBucketEntity,
  postByAlice,
  useActionOnFakeApi,
} from '../__testUtils__/fixtures';
import { createAwsAccessRequestBundleAction } from './requestBundle';

describe('aws:access:request-bundle', () => {
  const { fakeApi, setup } = useActionOnFakeApi(options =>
    createAwsAccessRequestBundleAction({
      ...options,
      catalog: catalogServiceMock({ entities: [ordersBucketEntity] }),
    }),
  );

  const input = {
    targets: [
      {
        entityRef: 'resource:default/orders-bucket',
        actions: ['s3:GetObject'],
      },
      {
        resourceArn: 'arn:aws:s3:::invoices',
        actions: ['s3:ListBucket'],
        accountId: '123456789012',
      },
    ],
    durationMinutes: 60,
    reason: 'reconciling orders with invoices',
  };

  it('requests one bundle on behalf of the user, with the entity resolved to its ARN and account', async () => {
    const { run } = setup();
    const output = await run(input);

    expect(fakeApi.requests).toEqual([
      postByAlice('/bundles', {
        targets: [
          {
            resourceArn: 'arn:aws:s3:::orders',
            actions: ['s3:GetObject'],
            accountId: '210987654321',
          },
          {
            resourceArn: 'arn:aws:s3:::invoices',
            actions: ['s3:ListBucket'],
            accountId: '123456789012',
          },
        ],
        durationMinutes: 60,
        reason: 'reconciling orders with invoices',
      }),
    ]);
    expect(output).toHaveBeenCalledWith('bundleId', 'bundle-1');
    expect(output).toHaveBeenCalledWith('state', 'pending');
    expect(output).toHaveBeenCalledWith('grantIds', ['grant-2', 'grant-3']);
    expect(output).toHaveBeenCalledWith('roleArns', []);
  });

  it('asks once when the task is retried', async () => {
    const { run } = setup();
    await run(input);
    await run(input);
    expect(fakeApi.requests.filter(r => r.path === '/bundles')).toHaveLength(1);
  });

  it.each([
    ['no targets', { ...input, targets: [] }],
    [
      'a target with both an ARN and an entity',
      {
        ...input,
        targets: [{ ...input.targets[0], resourceArn: 'arn:aws:s3:::x' }],
      },
    ],
    [
      'a target without actions',
      { ...input, targets: [{ resourceArn: 'arn:aws:s3:::x', actions: [] }] },
    ],
    [
      'more than 20 targets',
      {
        ...input,
        targets: Array.from({ length: 21 }, () => input.targets[1]),
      },
    ],
  ])('refuses %s before calling the API', async (_, bad) => {
    const { run } = setup();
    await expect(run(bad)).rejects.toMatchObject({ name: 'InputError' });
    expect(fakeApi.requests).toEqual([]);
  });
});
