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

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import {
  createAliasedKey,
  createBucket,
  createDbInstance,
  createFunction,
  createLambdaRole,
  createTable,
  runInstances,
  tagList,
} from '../../../plugins/catalog-backend-module-aws-access/src/testUtils/seedResources';
import { sessionCredentials } from '../../../plugins/aws-access-node/src/testUtils/motoIdentities';
import {
  ACCOUNTS,
  OTHER_REGION,
  PER_ACCOUNT,
  S3_REGION,
  isTaggedBucket,
  ownerOf,
  readerRoleArn,
} from './accounts';
import { inPool } from './pool';

const EC2_BATCH = 50;
const CONCURRENCY = 24;

const pad = (i: number) => String(i).padStart(5, '0');

/** Keys that act in the account: the default ones in A, an assumed role in B. */
async function credentialsFor(
  endpoint: string,
  accountId: string,
): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({
    endpoint,
    region: S3_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: readerRoleArn(accountId),
      RoleSessionName: 'bench-seed',
    }),
  );
  sts.destroy();
  return sessionCredentials(Credentials);
}

/** The creation tasks of one account: one task per resource (per EC2 batch). */
async function accountTasks(
  endpoint: string,
  account: (typeof ACCOUNTS)[number],
): Promise<Array<() => Promise<unknown>>> {
  const credentials = await credentialsFor(endpoint, account.id);
  const base = { endpoint, credentials, maxAttempts: 5 };
  const s3 = new S3Client({ ...base, region: S3_REGION, forcePathStyle: true });
  const region = OTHER_REGION;
  const ec2 = new EC2Client({ ...base, region });
  const dynamodb = new DynamoDBClient({ ...base, region });
  const sqs = new SQSClient({ ...base, region });
  const sns = new SNSClient({ ...base, region });
  const lambda = new LambdaClient({ ...base, region });
  const rds = new RDSClient({ ...base, region });
  const kms = new KMSClient({ ...base, region });

  const { Images } = await ec2.send(
    new DescribeImagesCommand({ MaxResults: 5 }),
  );
  const { Role } = await new IAMClient({ ...base, region }).send(
    createLambdaRole('bench-lambda-role'),
  );

  const name = (type: string, i: number) =>
    `bench-${account.prefix}-${type}-${pad(i)}`;
  const tags = (i: number) => ({ owner: ownerOf(i) });
  const batchSize = (batch: number) =>
    Math.min(EC2_BATCH, PER_ACCOUNT['ec2-instance'] - batch * EC2_BATCH);
  const times = (n: number, f: (i: number) => () => Promise<unknown>) =>
    Array.from({ length: n }, (_, i) => f(i));

  return [
    ...times(
      PER_ACCOUNT['s3-bucket'],
      i => () =>
        createBucket(s3, name('bucket', i), isTaggedBucket(i) ? tags(i) : {}),
    ),
    ...times(
      Math.ceil(PER_ACCOUNT['ec2-instance'] / EC2_BATCH),
      i => () =>
        ec2.send(runInstances(Images![0].ImageId!, batchSize(i), tags(i))),
    ),
    ...times(
      PER_ACCOUNT['dynamodb-table'],
      i => () => dynamodb.send(createTable(name('table', i), tags(i))),
    ),
    ...times(
      PER_ACCOUNT['sqs-queue'],
      i => () =>
        sqs.send(
          new CreateQueueCommand({
            QueueName: name('queue', i),
            tags: tags(i),
          }),
        ),
    ),
    ...times(
      PER_ACCOUNT['sns-topic'],
      i => () =>
        sns.send(
          new CreateTopicCommand({
            Name: name('topic', i),
            Tags: tagList(tags(i)),
          }),
        ),
    ),
    ...times(
      PER_ACCOUNT['lambda-function'],
      i => () =>
        lambda.send(createFunction(name('function', i), Role!.Arn!, tags(i))),
    ),
    ...times(
      PER_ACCOUNT['rds-db-instance'],
      i => () => rds.send(createDbInstance(name('db', i), tags(i))),
    ),
    ...times(
      PER_ACCOUNT['kms-key'],
      i => () => createAliasedKey(kms, name('key', i), name('key', i), tags(i)),
    ),
  ];
}

/**
 * Creates the bench's 10,000 resources in moto, straight at moto (not
 * through the counting proxy), many requests in flight. Returns the number
 * of resources per type, summed over the accounts.
 */
export async function seed(endpoint: string): Promise<Record<string, number>> {
  const tasks = (
    await Promise.all(ACCOUNTS.map(account => accountTasks(endpoint, account)))
  ).flat();
  // Interleave the types so slow creations (Lambda, RDS) overlap fast ones.
  for (let i = tasks.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [tasks[i], tasks[j]] = [tasks[j], tasks[i]];
  }
  await inPool(tasks, CONCURRENCY, task => task().then(() => undefined));
  return Object.fromEntries(
    Object.entries(PER_ACCOUNT).map(([type, n]) => [type, n * ACCOUNTS.length]),
  );
}
