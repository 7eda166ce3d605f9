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

// Seeds the local AWS emulator (moto) with the demo of examples/demo/aws-seed.yaml:
// resources with owner tags in two accounts and one IAM user per demo
// Backstage user, whose keys are written to .demo/aws-credentials.
// (scripts/demo/onboard.ts then onboards the production account with the
// plugin's own CloudFormation stack.)
// Idempotent: anything that already exists is left as it is.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
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
import {
  IAMClient,
  CreateUserCommand,
  CreateRoleCommand,
  PutUserPolicyCommand,
  CreateAccessKeyCommand,
  ListAccessKeysCommand,
  DeleteAccessKeyCommand,
} from '@aws-sdk/client-iam';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';
const demoDir = process.env.AWS_ACCESS_DEMO_DIR ?? path.join(root, '.demo');
const seed = YAML.parse(
  await readFile(path.join(root, 'examples/demo/aws-seed.yaml'), 'utf8'),
);

/** moto selects the account from this header; real AWS would use each account's own credentials. */
function clientConfig(accountId, region = 'us-east-1') {
  return {
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    accountId,
  };
}

function inAccount(client, accountId) {
  client.middlewareStack.add(
    next => args => {
      args.request.headers['x-moto-account-id'] = accountId;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  return client;
}

const make = (Client, accountId, region) =>
  inAccount(new Client(clientConfig(accountId, region)), accountId);

async function ignoreExisting(promise, ...codes) {
  try {
    return await promise;
  } catch (error) {
    const known = [
      ...codes,
      'EntityAlreadyExists',
      'BucketAlreadyOwnedByYou',
      'ResourceInUseException',
      'ResourceConflictException',
      'QueueAlreadyExists',
    ];
    if (
      known.includes(error?.Code) ||
      known.some(code => error?.name?.startsWith(code))
    ) {
      return undefined;
    }
    throw error;
  }
}

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

async function seedAccount(account) {
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

  const dynamodb = make(DynamoDBClient, accountId, region);
  for (const table of account.dynamodbTables ?? []) {
    await ignoreExisting(
      dynamodb.send(
        new CreateTableCommand({
          TableName: table.name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          Tags: tagList(table.tags),
        }),
      ),
    );
  }

  const sqs = make(SQSClient, accountId, region);
  for (const queue of account.sqsQueues ?? []) {
    await ignoreExisting(
      sqs.send(
        new CreateQueueCommand({ QueueName: queue.name, tags: queue.tags }),
      ),
    );
  }

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
  const lambda = make(LambdaClient, accountId, region);
  for (const fn of account.lambdaFunctions ?? []) {
    await ignoreExisting(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: fn.name,
          Runtime: 'nodejs20.x',
          Role: lambdaRoleArn,
          Handler: 'index.handler',
          Code: { ZipFile: EMPTY_ZIP },
          Tags: fn.tags,
        }),
      ),
    );
  }
}

/** The demo backend's own IAM user; the onboarding stacks' roles trust it. */
export const BACKEND_USER = 'backstage-demo-admin';

/**
 * What the backend may do as itself, and nothing more: manage grant roles
 * (in the sandbox, which it reaches without a manager role), assume the
 * onboarded accounts' manager and reader roles, and read the inventory.
 * It cannot read or write any data. moto evaluates IAM actions against
 * resource `*`, so the IAM statement names actions, not role ARNs; on AWS
 * the onboarding stack's manager policy scopes them to the managed path.
 */
const BACKEND_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ManageGrantRoles',
      Effect: 'Allow',
      Action: [
        'iam:CreateRole',
        'iam:GetRole',
        'iam:ListRoles',
        'iam:UpdateRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:ListRoleTags',
        'iam:PutRolePolicy',
        'iam:GetRolePolicy',
        'iam:ListRolePolicies',
        'iam:DeleteRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:ListInstanceProfilesForRole',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:DeleteRole',
      ],
      Resource: '*',
    },
    {
      Sid: 'ReachOnboardedAccounts',
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 'sts:GetCallerIdentity'],
      Resource: '*',
    },
    {
      Sid: 'DiscoverResources',
      Effect: 'Allow',
      Action: [
        's3:ListAllMyBuckets',
        's3:GetBucketTagging',
        's3:GetBucketLocation',
        'ec2:Describe*',
        'dynamodb:ListTables',
        'dynamodb:DescribeTable',
        'dynamodb:ListTagsOfResource',
        'sqs:ListQueues',
        'sqs:GetQueueAttributes',
        'sqs:ListQueueTags',
        'sns:ListTopics',
        'sns:GetTopicAttributes',
        'sns:ListTagsForResource',
        'lambda:ListFunctions',
        'lambda:GetFunction',
        'lambda:ListTags',
        'rds:DescribeDBInstances',
        'rds:ListTagsForResource',
        'kms:ListKeys',
        'kms:ListAliases',
        'kms:DescribeKey',
        'kms:ListResourceTags',
        'tag:GetResources',
        // moto's name for the tagging API's actions
        'tagging:GetResources',
        'cloudformation:DescribeStacks',
      ],
      Resource: '*',
    },
  ],
};

/** A demo person may assume grant roles (those that trust them) and nothing else. */
const PERSON_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: 'arn:aws:iam::*:role/backstage-access/*',
    },
  ],
};

/** One IAM user per demo person, allowed to assume grant roles and nothing else, and the backend's own user. */
async function seedUsers() {
  const iam = make(IAMClient, seed.identityAccountId);
  const profiles = [];
  let backendKeys;
  for (const user of [...seed.users, BACKEND_USER]) {
    await ignoreExisting(iam.send(new CreateUserCommand({ UserName: user })));
    const backend = user === BACKEND_USER;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: user,
        PolicyName: backend
          ? 'backstage-access-backend'
          : 'assume-backstage-grants',
        PolicyDocument: JSON.stringify(
          backend ? BACKEND_POLICY : PERSON_POLICY,
        ),
      }),
    );
    // Fresh keys on every seed: the file below always holds keys that work.
    const { AccessKeyMetadata = [] } = await iam.send(
      new ListAccessKeysCommand({ UserName: user }),
    );
    for (const key of AccessKeyMetadata) {
      await iam.send(
        new DeleteAccessKeyCommand({
          UserName: user,
          AccessKeyId: key.AccessKeyId,
        }),
      );
    }
    const { AccessKey } = await iam.send(
      new CreateAccessKeyCommand({ UserName: user }),
    );
    if (backend) {
      // The backend's keys go to their own file, read by scripts/start.sh.
      backendKeys = AccessKey;
      continue;
    }
    profiles.push(
      `[${user}]\naws_access_key_id = ${AccessKey.AccessKeyId}\naws_secret_access_key = ${AccessKey.SecretAccessKey}\nregion = us-east-1\n# AWS CLI v2 and SDKs: point them at the local AWS\nendpoint_url = ${endpoint}\n`,
    );
  }
  await mkdir(demoDir, { recursive: true });
  const file = path.join(demoDir, 'aws-credentials');
  await writeFile(
    file,
    `# Written by scripts/demo/seed.mjs: one profile per demo user.\n${profiles.join(
      '\n',
    )}`,
    { mode: 0o600 },
  );
  await writeFile(
    path.join(demoDir, 'backend.env'),
    `# Written by scripts/demo/seed.mjs: the demo backend's own IAM user (${BACKEND_USER}).\nAWS_ACCESS_KEY_ID=${backendKeys.AccessKeyId}\nAWS_SECRET_ACCESS_KEY=${backendKeys.SecretAccessKey}\n`,
    { mode: 0o600 },
  );
  return file;
}

const started = Date.now();
for (const account of seed.accounts) await seedAccount(account);
const credentialsFile = await seedUsers();
const count = seed.accounts.reduce(
  (n, a) =>
    n +
    [
      's3Buckets',
      'ec2Instances',
      'dynamodbTables',
      'sqsQueues',
      'lambdaFunctions',
    ].reduce((m, k) => m + (a[k]?.length ?? 0), 0),
  0,
);
await writeFile(path.join(demoDir, 'resource-count'), `${count}\n`);
console.log(
  `seeded ${count} resources in ${seed.accounts.length} accounts and ${
    seed.users.length
  } demo users at ${endpoint} in ${
    Date.now() - started
  } ms; credentials: ${path.relative(process.cwd(), credentialsFile)}`,
);
