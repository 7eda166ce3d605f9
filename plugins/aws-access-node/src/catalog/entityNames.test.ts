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

import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { grantEntityName, resourceEntityName } from './entityNames';

describe('resourceEntityName', () => {
  const arns = [
    'arn:aws:s3:::orders-bucket',
    'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0',
    'arn:aws:ec2:us-east-1:210987654321:instance/i-0123456789abcdef0',
    'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0',
    'arn:aws:dynamodb:us-east-1:123456789012:table/Orders..Table',
    'arn:aws:lambda:us-east-1:123456789012:function:process_orders',
    'arn:aws:sqs:us-east-1:123456789012:orders.fifo',
    'arn:aws:sns:us-east-1:123456789012:order-events',
    'arn:aws:rds:us-east-1:123456789012:db:orders-db',
    'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    `arn:aws:s3:::${'a'.repeat(63)}`,
    'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*',
  ];

  it('gives names the catalog accepts', () => {
    for (const arn of arns) {
      const name = resourceEntityName(arn);
      expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
    }
  });

  it('is readable', () => {
    expect(resourceEntityName('arn:aws:s3:::orders-bucket')).toMatch(
      /^s3-orders-bucket-[0-9a-f]{8}$/,
    );
    expect(
      resourceEntityName(
        'arn:aws:lambda:us-east-1:123456789012:function:process_orders',
      ),
    ).toMatch(/^lambda-function-process_orders-[0-9a-f]{8}$/);
  });

  it('tells apart the same resource id in other accounts and regions', () => {
    expect(new Set(arns.map(resourceEntityName)).size).toBe(arns.length);
  });

  it('is stable', () => {
    expect(resourceEntityName(arns[1])).toBe(resourceEntityName(arns[1]));
  });
});

describe('grantEntityName', () => {
  it('keeps uuids readable and makes odd ids valid', () => {
    expect(grantEntityName('3f2a9c1e-8d6b-4a0e-9f1c-2b7d5e6a8c90')).toBe(
      'grant-3f2a9c1e-8d6b-4a0e-9f1c-2b7d5e6a8c90',
    );
    const odd = grantEntityName(`x/${'y'.repeat(80)}`);
    expect(KubernetesValidatorFunctions.isValidObjectName(odd)).toBe(true);
  });
});
