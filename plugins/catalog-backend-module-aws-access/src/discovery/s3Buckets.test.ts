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
  type BucketLocationConstraint,
  CreateBucketCommand,
  GetBucketLocationCommand,
  ListBucketsCommand,
  type ListBucketsCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import {
  startMotoServer,
  type MotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import { s3BucketDiscoverer } from './s3Buckets';
import type {
  DiscoveryContext,
  ResourceTags,
} from '@backstage-aws-access/plugin-aws-access-node';

jest.setTimeout(30_000);

const credentials = async () => ({
  accessKeyId: 'testing',
  secretAccessKey: 'testing',
});

/** An account configured for us-east-1 and us-west-2, listed from us-east-1. */
function contextWith(tagged: Record<string, Map<string, ResourceTags>> = {}) {
  const context: DiscoveryContext = {
    accountId: '123456789012',
    region: 'us-east-1',
    regions: ['us-east-1', 'us-west-2'],
    clientConfig: jest.fn(async (region: string) => ({ region, credentials })),
    tagsByArn: jest.fn(async (region: string) => tagged[region] ?? new Map()),
  };
  return context;
}

/** One S3 call as the discoverer made it: the command, its input and the client's region. */
interface SentCall {
  command: string;
  region: string;
  input: ListBucketsCommandInput;
}

async function describeCall(
  client: S3Client,
  command: { constructor: { name: string }; input: object },
): Promise<SentCall> {
  return {
    command: command.constructor.name,
    region: await client.config.region(),
    input: command.input,
  };
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name);

describe('s3BucketDiscoverer on moto, whose ListBuckets names no regions', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMotoServer();
    const s3 = new S3Client({ region: 'us-east-1', credentials });
    // No location constraint means us-east-1.
    const create = (Bucket: string, location?: BucketLocationConstraint) =>
      s3.send(
        new CreateBucketCommand({
          Bucket,
          ...(location
            ? { CreateBucketConfiguration: { LocationConstraint: location } }
            : {}),
        }),
      );
    await create('east-a');
    await create('east-b');
    await create('west-a', 'us-west-2');
    await create('eu-a', 'eu-west-1');
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('finds each bucket region with one filtered list per region, not one GetBucketLocation per bucket', async () => {
    const send = jest.spyOn(S3Client.prototype, 'send');
    const context = contextWith({
      'us-east-1': new Map([['arn:aws:s3:::east-a', { team: 'orders' }]]),
    });
    try {
      const resources = await s3BucketDiscoverer.list(context);

      expect(resources.sort(byName)).toEqual([
        {
          arn: 'arn:aws:s3:::east-a',
          name: 'east-a',
          region: 'us-east-1',
          tags: { team: 'orders' },
          consoleUrl:
            'https://s3.console.aws.amazon.com/s3/buckets/east-a?region=us-east-1',
        },
        expect.objectContaining({ name: 'east-b', region: 'us-east-1' }),
        expect.objectContaining({
          name: 'west-a',
          region: 'us-west-2',
          tags: {},
        }),
      ]);

      const calls = await Promise.all(
        send.mock.calls.map(([command], i) =>
          describeCall(send.mock.contexts[i] as S3Client, command),
        ),
      );
      expect(
        calls.filter(call => call.command === GetBucketLocationCommand.name),
      ).toEqual([]);
      // The unfiltered list, then one per configured region, each sent to
      // its own region.
      expect(
        calls.map(({ command, region, input }) => ({
          command,
          region,
          filter: input.BucketRegion,
        })),
      ).toEqual(
        expect.arrayContaining([
          {
            command: 'ListBucketsCommand',
            region: 'us-east-1',
            filter: undefined,
          },
          {
            command: 'ListBucketsCommand',
            region: 'us-east-1',
            filter: 'us-east-1',
          },
          {
            command: 'ListBucketsCommand',
            region: 'us-west-2',
            filter: 'us-west-2',
          },
        ]),
      );
      expect(calls).toHaveLength(3);
      expect(context.tagsByArn).toHaveBeenCalledTimes(2);
    } finally {
      send.mockRestore();
    }
  });
});

describe('s3BucketDiscoverer (mocked S3)', () => {
  // Stubbed only here, so that the moto tests above reach moto.
  let s3: AwsClientStub<S3Client>;

  beforeAll(() => {
    s3 = mockClient(S3Client);
  });

  afterEach(() => {
    s3.reset();
  });

  afterAll(() => {
    s3.restore();
  });

  const listCalls = () =>
    Promise.all(
      s3
        .commandCalls(ListBucketsCommand)
        .map(call => describeCall(call.thisValue as S3Client, call.args[0])),
    );

  it('lists the account once where ListBuckets names the regions, as on AWS', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'east-a', BucketRegion: 'us-east-1' },
        { Name: 'west-a', BucketRegion: 'us-west-2' },
        { Name: 'eu-a', BucketRegion: 'eu-west-1' },
      ],
    });

    const resources = await s3BucketDiscoverer.list(contextWith());

    expect(resources.map(r => [r.name, r.region]).sort()).toEqual([
      ['east-a', 'us-east-1'],
      ['west-a', 'us-west-2'],
    ]);
    const calls = await listCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0].input).toEqual({ MaxBuckets: 10000 });
    expect(s3.commandCalls(GetBucketLocationCommand)).toHaveLength(0);
  });

  it('follows the pages of each filtered list', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'east-a' }, { Name: 'east-b' }, { Name: 'west-a' }],
    });
    s3.on(ListBucketsCommand, { BucketRegion: 'us-east-1' })
      .resolves({ Buckets: [{ Name: 'east-a' }], ContinuationToken: 'next' })
      .on(ListBucketsCommand, {
        BucketRegion: 'us-east-1',
        ContinuationToken: 'next',
      })
      .resolves({ Buckets: [{ Name: 'east-b' }] })
      .on(ListBucketsCommand, { BucketRegion: 'us-west-2' })
      .resolves({ Buckets: [{ Name: 'west-a' }] });

    const resources = await s3BucketDiscoverer.list(contextWith());

    expect(resources.map(r => [r.name, r.region]).sort()).toEqual([
      ['east-a', 'us-east-1'],
      ['east-b', 'us-east-1'],
      ['west-a', 'us-west-2'],
    ]);
    // east-b is only on the second page, so it being found shows the token
    // was followed; each filtered list went to its own region.
    const filtered = (await listCalls()).filter(
      call => call.input.BucketRegion,
    );
    expect(
      filtered.map(({ region, input }) => [region, input.BucketRegion]).sort(),
    ).toEqual([
      ['us-east-1', 'us-east-1'],
      ['us-east-1', 'us-east-1'],
      ['us-west-2', 'us-west-2'],
    ]);
  });

  it('lists an account with one region in one filtered call, on endpoints that name no regions too', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'east-a' }, { Name: 'west-a' }],
    });
    s3.on(ListBucketsCommand, { BucketRegion: 'us-east-1' }).resolves({
      Buckets: [{ Name: 'east-a' }],
    });

    const resources = await s3BucketDiscoverer.list({
      ...contextWith(),
      regions: ['us-east-1'],
    });

    expect(resources.map(r => [r.name, r.region])).toEqual([
      ['east-a', 'us-east-1'],
    ]);
    const calls = await listCalls();
    expect(calls.map(({ region, input }) => [region, input])).toEqual([
      ['us-east-1', { BucketRegion: 'us-east-1', MaxBuckets: 10000 }],
    ]);
  });

  it('fails rather than guess regions where the endpoint ignores the filter', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'east-a' }, { Name: 'west-a' }],
    });

    await expect(s3BucketDiscoverer.list(contextWith())).rejects.toThrow(
      /ignores the BucketRegion filter/,
    );
  });
});
