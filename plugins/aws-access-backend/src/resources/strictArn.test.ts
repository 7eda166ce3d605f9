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
import { parentArns, parseResourceArn } from './strictArn';

describe('parseResourceArn', () => {
  it.each([
    ['arn:aws:s3:::sandbox-payments-invoices', '', '', false],
    ['arn:aws:s3:::bucket/reports/2026.csv', '', '', false],
    ['arn:aws:s3:::bucket/reports/*', '', '', true],
    ['arn:aws-cn:s3:::bucket', '', '', false],
    [
      'arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-1',
      'us-gov-west-1',
      '123456789012',
      false,
    ],
    [
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x',
      'us-east-1',
      '123456789012',
      false,
    ],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:resize:live',
      'us-east-1',
      '123456789012',
      false,
    ],
  ])('accepts %s', (arn, region, accountId, isPrefix) => {
    expect(parseResourceArn(arn)).toMatchObject({
      arn,
      region,
      accountId,
      isPrefix,
    });
  });

  it.each([
    // AWS substitutes policy variables at call time: the caller would pick the bucket.
    ['arn:aws:s3:::${aws:UserAgent}', /contains '\$': policy variables/],
    ['arn:aws:s3:::bucket/${aws:username}/x', /policy variables/],
    ['arn:aws:s3:::{bucket}', /contains '\{'/],
    ['arn:aws:s3:::bucket*', /contains '\*': wildcards/],
    ['arn:aws:s3:::bucket/*/secret', /contains '\*': wildcards/],
    ['arn:aws:s3:::bucket/a?b', /contains '\?'/],
    // Commas and pipes split catalog filter terms.
    ['arn:aws:s3:::bucket,kind=user', /contains ',': separators/],
    ['arn:aws:s3:::bucket|other', /contains '\|': separators/],
    ['arn:aws:s3:::bucket/../other', /'\.' or '\.\.' path segment/],
    ['arn:aws:s3:::bucket/./x', /'\.' or '\.\.' path segment/],
    ['arn:aws:s3:::bucket/', /empty path segment/],
    ['arn:aws:s3:::bucket//x', /empty path segment/],
    ['arn:aws:s3:::bucket\u200B', /contains U\+200B/],
    ['arn:aws:s3:::bucket\u202Eevil', /contains U\+202E/],
    ['arn:aws:s3:::bu\u0000cket', /contains U\+0000/],
    ['arn:aws:s3:::bucket name', /contains U\+0020/],
    ['arn:aws:s3:::bucketé', /contains U\+00E9/],
    ['arn:aws:s3:us-east-1', /is not an ARN/],
    ['not-an-arn', /is not an ARN/],
    ['arn:aws:ec2:US-EAST-1:123456789012:instance/i-1', /invalid region/],
    ['arn:aws:ec2:us-east-1:12345:instance/i-1', /invalid account/],
    ['arn:evil:s3:::bucket', /unknown partition/],
    [`arn:aws:s3:::${'a'.repeat(2100)}`, /longer than 2048/],
  ])('refuses %j, naming resourceArn', (arn, why) => {
    let error: unknown;
    try {
      parseResourceArn(arn);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^resourceArn: /);
    expect((error as Error).message).toMatch(why);
    // Hostile text is shown escaped, never raw.
    expect((error as Error).message).not.toMatch(/[\u200B\u202E]/);
    expect((error as Error).message).not.toContain('\u0000');
  });

  it.each([undefined, null, 42, ''])('refuses %j as missing', value => {
    expect(() => parseResourceArn(value)).toThrow(
      'resourceArn: an ARN is required',
    );
  });

  it('lists the parents a sub-resource could sit under, nearest first', () => {
    expect(
      parentArns(parseResourceArn('arn:aws:s3:::b/reports/2026/x.csv')),
    ).toEqual([
      'arn:aws:s3:::b/reports/2026',
      'arn:aws:s3:::b/reports',
      'arn:aws:s3:::b',
    ]);
    expect(parentArns(parseResourceArn('arn:aws:s3:::b/reports/*'))).toEqual([
      'arn:aws:s3:::b',
    ]);
    expect(parentArns(parseResourceArn('arn:aws:s3:::b'))).toEqual([]);
  });
});
