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

import { canonicalPolicy, samePolicy } from './policyDocuments';

const BUCKET = 'arn:aws:s3:::granted-bucket';
const until = { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } };

const policy = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('samePolicy', () => {
  const rendered = policy(
    {
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [BUCKET],
      Condition: until,
    },
    {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectTagging'],
      Resource: [`${BUCKET}/*`],
      Condition: until,
    },
  );

  it('ignores key order, single strings versus lists, order within sets and Sids', () => {
    const reformatted = JSON.stringify({
      Statement: [
        {
          Resource: `${BUCKET}/*`,
          Action: ['S3:GetObjectTagging', 's3:GetObject'],
          Condition: {
            DateLessThan: { 'aws:CurrentTime': ['2030-01-01T00:00:00Z'] },
          },
          Effect: 'Allow',
          Sid: 'Objects',
        },
        {
          Condition: until,
          Effect: 'Allow',
          Resource: BUCKET,
          Action: 's3:ListBucket',
        },
      ],
      Version: '2012-10-17',
    });
    expect(samePolicy(reformatted, rendered)).toBe(true);
    expect(canonicalPolicy(reformatted)).toBe(canonicalPolicy(rendered));
  });

  it('reads a single statement object like a list of one', () => {
    const one = {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:user/alice' },
      Action: 'sts:AssumeRole',
      Condition: until,
    };
    expect(
      samePolicy(
        JSON.stringify({ Version: '2012-10-17', Statement: one }),
        policy({
          ...one,
          Principal: { AWS: ['arn:aws:iam::123456789012:user/alice'] },
          Action: ['sts:AssumeRole'],
        }),
      ),
    ).toBe(true);
  });

  it.each([
    [
      'a wider action',
      {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: [BUCKET],
        Condition: until,
      },
    ],
    [
      'another resource',
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: ['arn:aws:s3:::other-bucket'],
        Condition: until,
      },
    ],
    [
      'no expiry condition',
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [BUCKET] },
    ],
    [
      'a later expiry',
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [BUCKET],
        Condition: {
          DateLessThan: { 'aws:CurrentTime': '2031-01-01T00:00:00Z' },
        },
      },
    ],
  ])('tells a statement with %s apart', (_what, statement) => {
    const expected = policy({
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [BUCKET],
      Condition: until,
    });
    expect(samePolicy(policy(statement), expected)).toBe(false);
  });

  it('tells an added statement apart', () => {
    const statement = {
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: [BUCKET],
      Condition: until,
    };
    expect(
      samePolicy(
        policy(statement, { Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
        policy(statement),
      ),
    ).toBe(false);
  });

  it('keeps resources case-sensitive and treats text that is not a policy as different', () => {
    expect(
      samePolicy(
        policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET }),
        policy({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: BUCKET.toUpperCase(),
        }),
      ),
    ).toBe(false);
    expect(samePolicy('not json', rendered)).toBe(false);
    expect(samePolicy('[]', rendered)).toBe(false);
    expect(canonicalPolicy('"text"')).toBeUndefined();
  });
});
