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
import {
  Entity,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogPolicy } from './testUtils/catalogPolicy';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { readAwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import {
  startMotoServer,
  type MotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import { AwsResourceEntityProvider } from './AwsResourceEntityProvider';
import { resourceEntityName } from '@backstage-aws-access/plugin-aws-access-node';
import { DefaultAwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  FailingClientFactory,
} from './testUtils/motoAccounts';
import { seedAccount, type SeededNames } from './testUtils/seedResources';

// Seeding moto takes most of it, and far longer on a loaded shared machine.
jest.setTimeout(240_000);

const CLOUDFORMATION_TYPES: Record<string, string> = {
  's3-bucket': 'AWS::S3::Bucket',
  'ec2-instance': 'AWS::EC2::Instance',
  'dynamodb-table': 'AWS::DynamoDB::Table',
  'lambda-function': 'AWS::Lambda::Function',
  'sqs-queue': 'AWS::SQS::Queue',
  'sns-topic': 'AWS::SNS::Topic',
  'rds-db-instance': 'AWS::RDS::DBInstance',
  'kms-key': 'AWS::KMS::Key',
  'ec2-volume': 'AWS::EC2::Volume',
};

function recordingConnection() {
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };
  const entitiesOf = (mutation: EntityProviderMutation): Entity[] =>
    (mutation.type === 'full' ? mutation.entities : mutation.added).map(
      d => d.entity,
    );
  return { connection, mutations, entitiesOf };
}

describe('AwsResourceEntityProvider (moto)', () => {
  let moto: MotoServer;
  let factory: FailingClientFactory;
  let seeded: Record<string, SeededNames>;
  const rootConfig = new ConfigReader({
    awsAccess: {
      accounts: [
        { accountId: ACCOUNT_A, name: 'a', regions: ['us-east-1'] },
        {
          accountId: ACCOUNT_B,
          name: 'b',
          regions: ['us-east-1'],
          readerRoleArn: `arn:aws:iam::${ACCOUNT_B}:role/reader`,
        },
      ],
      catalog: {
        defaultOwner: 'group:default/platform',
        ownerTag: 'team',
        additionalResourceTypes: ['AWS::EC2::Volume'],
      },
    },
  });
  const config = readAwsAccessConfig(rootConfig);
  const provider = (logger = mockServices.logger.mock()) =>
    AwsResourceEntityProvider.fromConfig(config, {
      clientFactory: factory,
      logger,
      taskRunner: { run: jest.fn() },
    });

  beforeAll(async () => {
    moto = await startMotoServer();
    factory = new FailingClientFactory(
      DefaultAwsClientFactory.fromConfig(rootConfig, config),
    );
    seeded = {
      [ACCOUNT_A]: await seedAccount(
        await factory.clientConfig(ACCOUNT_A, 'read'),
        'alpha',
        { team: 'team-a', system: 'orders' },
      ),
      [ACCOUNT_B]: await seedAccount(
        await factory.clientConfig(ACCOUNT_B, 'read'),
        'beta',
        {},
      ),
    };
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('emits every resource type of both accounts with annotations, owner and names', async () => {
    const { connection, mutations, entitiesOf } = recordingConnection();
    const subject = provider();
    await subject.connect(connection);
    await subject.refresh();

    expect(mutations).toHaveLength(1);
    expect(mutations[0].type).toBe('full');
    const entities = entitiesOf(mutations[0]);

    for (const accountId of [ACCOUNT_A, ACCOUNT_B]) {
      for (const [type, cloudFormationType] of Object.entries(
        CLOUDFORMATION_TYPES,
      )) {
        const title = seeded[accountId][type];
        const matches = entities.filter(
          e =>
            e.spec?.type === type &&
            e.metadata.annotations?.['aws.amazon.com/account-id'] === accountId,
        );
        expect(matches.map(e => e.metadata.title)).toEqual([title]);
        const [entity] = matches;
        const annotations = entity.metadata.annotations!;
        expect(annotations).toMatchObject({
          'aws.amazon.com/region': 'us-east-1',
          'aws.amazon.com/resource-type': cloudFormationType,
          'backstage.io/managed-by-location': 'aws-access:aws-access-resources',
          'backstage.io/managed-by-origin-location':
            'aws-access:aws-access-resources',
        });
        expect(entity.metadata.name).toBe(
          resourceEntityName(annotations['aws.amazon.com/arn']),
        );
        expect(entity.metadata.links?.[0].url).toMatch(
          /^https:\/\/[a-z0-9.-]*console\.aws\.amazon\.com\//,
        );
        // A's resources carry team and system tags; B's none, so B's fall
        // back to the configured default owner.
        expect(entity.spec).toEqual(
          accountId === ACCOUNT_A
            ? {
                type,
                owner: 'group:default/team-a',
                system: 'system:default/orders',
              }
            : { type, owner: 'group:default/platform' },
        );
      }
    }

    // ARNs point at the right account and the eu-west-1 buckets are left out.
    const arnsOf = (type: string) =>
      entities
        .filter(e => e.spec?.type === type)
        .map(e => e.metadata.annotations!['aws.amazon.com/arn'])
        .sort();
    expect(arnsOf('s3-bucket')).toEqual([
      'arn:aws:s3:::alpha-bucket',
      'arn:aws:s3:::beta-bucket',
    ]);
    expect(arnsOf('dynamodb-table')).toEqual([
      `arn:aws:dynamodb:us-east-1:${ACCOUNT_A}:table/alpha-table`,
      `arn:aws:dynamodb:us-east-1:${ACCOUNT_B}:table/beta-table`,
    ]);
    expect(arnsOf('sqs-queue')).toEqual([
      `arn:aws:sqs:us-east-1:${ACCOUNT_A}:alpha-queue`,
      `arn:aws:sqs:us-east-1:${ACCOUNT_B}:beta-queue`,
    ]);
    expect(arnsOf('ec2-instance')[0]).toMatch(
      new RegExp(`^arn:aws:ec2:us-east-1:${ACCOUNT_A}:instance/i-`),
    );

    expect(new Set(entities.map(e => e.metadata.name)).size).toBe(
      entities.length,
    );
    for (const entity of entities) {
      await expect(catalogPolicy.enforce(entity)).resolves.toBeDefined();
      await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    }
    expect(subject.getStatus().every(s => s.status === 'ok')).toBe(true);
  });

  it('keeps the last good entities of a failing account and updates the others', async () => {
    const logger = mockServices.logger.mock();
    const { connection, mutations, entitiesOf } = recordingConnection();
    const subject = provider(logger);
    await subject.connect(connection);
    await subject.refresh();
    const before = entitiesOf(mutations[0]);
    const namesIn = (entities: Entity[], accountId: string) =>
      entities
        .filter(
          e =>
            e.metadata.annotations?.['aws.amazon.com/account-id'] === accountId,
        )
        .map(e => e.metadata.name)
        .sort();

    factory.failing.add(ACCOUNT_B);
    const s3 = new S3Client(await factory.clientConfig(ACCOUNT_A, 'read'));
    await s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket-new' }));
    try {
      await subject.refresh();
    } finally {
      factory.failing.delete(ACCOUNT_B);
    }

    expect(mutations[1].type).toBe('full');
    const after = entitiesOf(mutations[1]);
    expect(namesIn(after, ACCOUNT_B)).toEqual(namesIn(before, ACCOUNT_B));
    expect(namesIn(after, ACCOUNT_B).length).toBeGreaterThan(8);
    expect(after.map(e => e.metadata.title)).toContain('alpha-bucket-new');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(`account ${ACCOUNT_B}.*s3-bucket.*AccessDenied`),
      ),
      { accountId: ACCOUNT_B },
    );
    const statusB = subject.getStatus().filter(s => s.accountId === ACCOUNT_B);
    expect(statusB.every(s => s.status === 'error' && s.lastSuccessAt)).toBe(
      true,
    );
    expect(
      subject
        .getStatus()
        .filter(s => s.accountId === ACCOUNT_A)
        .every(s => s.status === 'ok'),
    ).toBe(true);
  });

  it('removes nothing when an account fails before it ever succeeded', async () => {
    const { connection, mutations, entitiesOf } = recordingConnection();
    const subject = provider();
    await subject.connect(connection);
    factory.failing.add(ACCOUNT_B);
    try {
      await subject.refresh();
    } finally {
      factory.failing.delete(ACCOUNT_B);
    }
    expect(mutations[0]).toMatchObject({ type: 'delta', removed: [] });
    const accounts = new Set(
      entitiesOf(mutations[0]).map(
        e => e.metadata.annotations?.['aws.amazon.com/account-id'],
      ),
    );
    expect([...accounts]).toEqual([ACCOUNT_A]);
  });
});
