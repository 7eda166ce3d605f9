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

// The resources of one demo account (examples/demo/aws-seed.yaml), with the
// owner tags the catalog reads: buckets, instances, tables, queues, functions.
import {
  S3Client,
  CreateBucketCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  EC2Client,
  RunInstancesCommand,
  DescribeInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, CreateQueueCommand } from '@aws-sdk/client-sqs';
import { LambdaClient, CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { ignoreExisting, make } from './motoClients.mjs';

const tagList = tags =>
  Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
// The smallest valid zip (an empty archive): moto stores Lambda code without running it.
const EMPTY_ZIP = Buffer.from([
  0x50,
  0x4b,
  0x05,
  0x06,
  ...new Array(18).fill(0),
]);

const createTable = table =>
  new CreateTableCommand({
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    Tags: tagList(table.tags),
  });
const createQueue = queue =>
  new CreateQueueCommand({ QueueName: queue.name, tags: queue.tags });
const createFunction = roleArn => fn =>
  new CreateFunctionCommand({
    FunctionName: fn.name,
    Runtime: 'nodejs20.x',
    Role: roleArn,
    Handler: 'index.handler',
    Code: { ZipFile: EMPTY_ZIP },
    Tags: fn.tags,
  });

/** Sends `command(item)` for each of `items`, leaving what already exists. */
async function createEach(client, items, command) {
  for (const item of items ?? []) {
    await ignoreExisting(client.send(command(item)));
  }
}

export async function seedAccount(account) {
  const { accountId, region } = account;
  const s3 = make(S3Client, accountId, region);
  for (const bucket of account.s3Buckets ?? []) {
    await ignoreExisting(
      s3.send(new CreateBucketCommand({ Bucket: bucket.name })),
    );
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: bucket.name,
        Tagging: { TagSet: tagList(bucket.tags) },
      }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket.name,
        Key: 'README.txt',
        Body: `Demo object in ${bucket.name}\n`,
      }),
    );
  }

  const ec2 = make(EC2Client, accountId, region);
  const existing = await ec2.send(new DescribeInstancesCommand({}));
  const names = new Set(
    (existing.Reservations ?? [])
      .flatMap(r => r.Instances ?? [])
      .flatMap(i =>
        (i.Tags ?? []).filter(t => t.Key === 'Name').map(t => t.Value),
      ),
  );
  for (const instance of account.ec2Instances ?? []) {
    if (names.has(instance.name)) continue;
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: tagList({ Name: instance.name, ...instance.tags }),
          },
        ],
      }),
    );
  }

  await createEach(
    make(DynamoDBClient, accountId, region),
    account.dynamodbTables,
    createTable,
  );
  await createEach(
    make(SQSClient, accountId, region),
    account.sqsQueues,
    createQueue,
  );

  const iam = make(IAMClient, accountId, region);
  const lambdaRole = await ignoreExisting(
    iam.send(
      new CreateRoleCommand({
        RoleName: 'demo-lambda-execution',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    ),
  );
  const lambdaRoleArn =
    lambdaRole?.Role?.Arn ??
    `arn:aws:iam::${accountId}:role/demo-lambda-execution`;
  await createEach(
    make(LambdaClient, accountId, region),
    account.lambdaFunctions,
    createFunction(lambdaRoleArn),
  );
}
