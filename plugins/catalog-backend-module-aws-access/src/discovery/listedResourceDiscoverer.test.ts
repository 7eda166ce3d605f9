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

import type { DiscoveryContext } from '@backstage-aws-access/plugin-aws-access-node';
import { listedResourceDiscoverer } from './listedResourceDiscoverer';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:123456789012:orders';

function context(tags: Record<string, Record<string, string>> = {}) {
  const tagsByArn = jest.fn(
    async (_region: string, _filters: string[]) =>
      new Map(Object.entries(tags)),
  );
  const discoveryContext: DiscoveryContext = {
    accountId: '123456789012',
    region: 'eu-west-1',
    regions: ['eu-west-1'],
    clientConfig: async region => ({
      region,
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 's' }),
    }),
    tagsByArn,
  };
  return { discoveryContext, tagsByArn };
}

function fakeClient() {
  return { destroy: jest.fn() };
}

describe('listedResourceDiscoverer', () => {
  it('names the entity type after the CloudFormation type and tags what it lists from the tagging API', async () => {
    const client = fakeClient();
    const discoverer = listedResourceDiscoverer({
      cloudFormationType: 'AWS::SQS::Queue',
      client: () => client,
      list: async () => [{ arn: QUEUE_ARN, name: 'orders', consoleUrl: 'u' }],
    });
    const { discoveryContext, tagsByArn } = context({
      [QUEUE_ARN]: { owner: 'team-a' },
    });

    const found = await discoverer.list(discoveryContext);

    expect(discoverer.type).toBe('sqs-queue');
    expect(discoverer.scope).toBe('regional');
    expect(tagsByArn).toHaveBeenCalledWith('eu-west-1', ['sqs:queue']);
    expect(found).toEqual([
      {
        arn: QUEUE_ARN,
        name: 'orders',
        region: 'eu-west-1',
        tags: { owner: 'team-a' },
        consoleUrl: 'u',
      },
    ]);
    expect(client.destroy).toHaveBeenCalledTimes(1);
  });

  it('asks the tagging API with the filters the type gives instead of its own', async () => {
    const discoverer = listedResourceDiscoverer({
      cloudFormationType: 'AWS::SNS::Topic',
      tagFilters: ['sns'],
      client: fakeClient,
      list: async () => [{ arn: 'arn:t', name: 't', consoleUrl: 'u' }],
    });
    const { discoveryContext, tagsByArn } = context();

    await discoverer.list(discoveryContext);

    expect(tagsByArn).toHaveBeenCalledWith('eu-west-1', ['sns']);
  });

  it('makes no tagging call for a region without resources', async () => {
    const discoverer = listedResourceDiscoverer({
      cloudFormationType: 'AWS::SQS::Queue',
      client: fakeClient,
      list: async () => [],
    });
    const { discoveryContext, tagsByArn } = context();

    await expect(discoverer.list(discoveryContext)).resolves.toEqual([]);
    expect(tagsByArn).not.toHaveBeenCalled();
  });

  it('destroys the client also when listing fails', async () => {
    const client = fakeClient();
    const discoverer = listedResourceDiscoverer({
      cloudFormationType: 'AWS::SQS::Queue',
      client: () => client,
      list: async () => {
        throw new Error('AccessDenied');
      },
    });

    await expect(discoverer.list(context().discoveryContext)).rejects.toThrow(
      'AccessDenied',
    );
    expect(client.destroy).toHaveBeenCalledTimes(1);
  });
});
