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

import { parseArn } from './arn';

describe('parseArn', () => {
  it.each([
    [
      'splits an ARN into its parts',
      'arn:aws:sqs:us-east-1:123456789012:orders',
      {
        partition: 'aws',
        service: 'sqs',
        region: 'us-east-1',
        accountId: '123456789012',
        resource: 'orders',
      },
    ],
    [
      'keeps colons in the resource',
      'arn:aws-cn:logs:cn-north-1:123456789012:log-group:/a/b',
      expect.objectContaining({
        partition: 'aws-cn',
        resource: 'log-group:/a/b',
      }),
    ],
    [
      'keeps slashes in the resource',
      'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/t/index/i',
      expect.objectContaining({
        partition: 'aws-us-gov',
        resource: 'table/t/index/i',
      }),
    ],
    [
      'takes partitions added after this code was written',
      'arn:aws-iso-e:s3:::orders-bucket',
      expect.objectContaining({ partition: 'aws-iso-e', service: 's3' }),
    ],
    [
      'takes the European Sovereign Cloud',
      'arn:aws-eusc:sqs:eusc-de-east-1:123456789012:orders',
      expect.objectContaining({
        partition: 'aws-eusc',
        region: 'eusc-de-east-1',
      }),
    ],
    [
      'takes global resources without region or account',
      'arn:aws:s3:::orders-bucket/reports/2026',
      expect.objectContaining({
        service: 's3',
        region: '',
        accountId: '',
        resource: 'orders-bucket/reports/2026',
      }),
    ],
  ])('%s', (_title, arn, parts) => {
    expect(parseArn(arn)).toEqual(parts);
  });

  it.each([
    ['a wildcard', 'arn:aws:s3:::orders-*'],
    ['a question mark', 'arn:aws:s3:::orders-?'],
    ['white space', 'arn:aws:s3:::orders bucket'],
    ['a short account id', 'arn:aws:sqs:us-east-1:12345:orders'],
    ['no resource', 'arn:aws:sqs:us-east-1:123456789012:'],
    ['not an ARN', 'orders-bucket'],
    ['a partition that is not AWS', 'arn:gcp:s3:::orders-bucket'],
    ['an upper-case service', 'arn:aws:S3:::orders-bucket'],
    ['too few parts', 'arn:aws:s3:orders-bucket'],
    ['an overlong ARN', `arn:aws:s3:::${'a'.repeat(2048)}`],
  ])('refuses %s', (_what, text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});
