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
  IAMClient,
  CreateUserCommand,
  PutUserPolicyCommand,
  CreateAccessKeyCommand,
  ListAccessKeysCommand,
  DeleteAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { seedAccount } from './seed/accountResources.mjs';
import { endpoint, ignoreExisting, make } from './seed/motoClients.mjs';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const demoDir = process.env.AWS_ACCESS_DEMO_DIR ?? path.join(root, '.demo');
const seed = YAML.parse(
  await readFile(path.join(root, 'examples/demo/aws-seed.yaml'), 'utf8'),
);

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
