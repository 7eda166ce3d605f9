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

import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateVolumeCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientConfig } from '@backstage-aws-access/plugin-aws-access-node';

type Tags = Record<string, string>;

// The create calls below are shared with the discovery bench
// (bench/catalog-discovery), which seeds thousands of the same resources.

/** Tags as the `[{ Key, Value }]` list most create calls take. */
export const tagList = (tags: Tags) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Creates a bucket in the client's region, tagged unless `tags` is empty. */
export async function createBucket(s3: S3Client, bucket: string, tags: Tags) {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  if (Object.keys(tags).length) {
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: bucket,
        Tagging: { TagSet: tagList(tags) },
      }),
    );
  }
}

/** Starts `count` small instances of an image, all carrying `tags`. */
export const runInstances = (imageId: string, count: number, tags: Tags) =>
  new RunInstancesCommand({
    ImageId: imageId,
    MinCount: count,
    MaxCount: count,
    InstanceType: 't3.micro',
    TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(tags) }],
  });

/** An on-demand table keyed by `id`. */
export const createTable = (name: string, tags: Tags) =>
  new CreateTableCommand({
    TableName: name,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    Tags: tagList(tags),
  });

/** A role Lambda may assume, for the functions' execution role. */
export const createLambdaRole = (name: string) =>
  new CreateRoleCommand({
    RoleName: name,
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
  });

/** A function moto accepts without running it. */
export const createFunction = (name: string, roleArn: string, tags: Tags) =>
  new CreateFunctionCommand({
    FunctionName: name,
    Runtime: 'nodejs20.x',
    Role: roleArn,
    Handler: 'index.handler',
    Code: { ZipFile: Buffer.from('not really a zip') },
    Tags: tags,
  });

/** The smallest PostgreSQL instance. */
export const createDbInstance = (name: string, tags: Tags) =>
  new CreateDBInstanceCommand({
    DBInstanceIdentifier: name,
    DBInstanceClass: 'db.t3.micro',
    Engine: 'postgres',
    AllocatedStorage: 20,
    MasterUsername: 'admin1',
    MasterUserPassword: 'password123',
    Tags: tagList(tags),
  });

/** A customer-managed key named by the alias `alias/<alias>`. */
export async function createAliasedKey(
  kms: KMSClient,
  alias: string,
  description: string,
  tags: Tags,
) {
  const key = await kms.send(
    new CreateKeyCommand({
      Description: description,
      Tags: tagList(tags).map(({ Key, Value }) => ({
        TagKey: Key,
        TagValue: Value,
      })),
    }),
  );
  await kms.send(
    new CreateAliasCommand({
      AliasName: `alias/${alias}`,
      TargetKeyId: key.KeyMetadata!.KeyId!,
    }),
  );
}

/** The real name of the one seeded resource of each `spec.type`. */
export type SeededNames = Record<string, string>;

/**
 * Creates one resource of each built-in type (plus a tagged EBS volume for
 * the generic path) in the account the config acts in, all carrying `tags`.
 */
export async function seedAccount(
  config: AwsClientConfig,
  prefix: string,
  tags: Tags,
): Promise<SeededNames> {
  const names: SeededNames = {};

  const s3 = new S3Client(config);
  names['s3-bucket'] = `${prefix}-bucket`;
  await createBucket(s3, names['s3-bucket'], tags);
  // A bucket outside the configured regions, which discovery must skip.
  await s3.send(
    new CreateBucketCommand({
      Bucket: `${prefix}-bucket-eu`,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    }),
  );

  const ec2 = new EC2Client(config);
  const { Images } = await ec2.send(new DescribeImagesCommand({}));
  names['ec2-instance'] = `${prefix}-instance`;
  await ec2.send(
    runInstances(Images![0].ImageId!, 1, {
      ...tags,
      Name: names['ec2-instance'],
    }),
  );
  const volume = await ec2.send(
    new CreateVolumeCommand({
      AvailabilityZone: `${config.region}a`,
      Size: 1,
      TagSpecifications: [
        {
          ResourceType: 'volume',
          Tags: tagList({ ...tags, Name: `${prefix}-volume` }),
        },
      ],
    }),
  );
  names['ec2-volume'] = `${prefix}-volume`;
  names['ec2-volume-id'] = volume.VolumeId!;

  names['dynamodb-table'] = `${prefix}-table`;
  await new DynamoDBClient(config).send(
    createTable(names['dynamodb-table'], tags),
  );

  const role = await new IAMClient(config).send(
    createLambdaRole(`${prefix}-lambda-role`),
  );
  names['lambda-function'] = `${prefix}-function`;
  await new LambdaClient(config).send(
    createFunction(names['lambda-function'], role.Role!.Arn!, tags),
  );

  names['sqs-queue'] = `${prefix}-queue`;
  await new SQSClient(config).send(
    new CreateQueueCommand({ QueueName: names['sqs-queue'], tags }),
  );

  names['sns-topic'] = `${prefix}-topic`;
  await new SNSClient(config).send(
    new CreateTopicCommand({ Name: names['sns-topic'], Tags: tagList(tags) }),
  );

  names['rds-db-instance'] = `${prefix}-db`;
  await new RDSClient(config).send(
    createDbInstance(names['rds-db-instance'], tags),
  );

  names['kms-key'] = `${prefix}-key`;
  await createAliasedKey(
    new KMSClient(config),
    names['kms-key'],
    `${prefix} key`,
    tags,
  );
  return names;
}
