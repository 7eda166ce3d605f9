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

/** The two moto accounts and where each kind of resource lives. */
export const ACCOUNTS = [
  { id: '123456789012', prefix: 'a' },
  { id: '210987654321', prefix: 'b' },
] as const;

/** Buckets live here; ListBuckets is global, so this is also the S3-only run's region. */
export const S3_REGION = 'us-east-1';
/** Every other type lives here, so a run configured for S3_REGION alone lists only buckets. */
export const OTHER_REGION = 'us-west-2';

/** The role both providers assume to read an account (moto accepts any). */
export const readerRoleArn = (accountId: string) =>
  `arn:aws:iam::${accountId}:role/bench-reader`;

/** `BENCH_SCALE=0.02` seeds 2% of the resources, for a quick trial of the bench itself. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

/** Resources per account and type; 5,000 per account, 10,000 in all. */
export const PER_ACCOUNT: Record<string, number> = Object.fromEntries(
  Object.entries({
    's3-bucket': 2500,
    'ec2-instance': 1000,
    'dynamodb-table': 500,
    'sqs-queue': 500,
    'sns-topic': 300,
    'lambda-function': 100,
    'rds-db-instance': 50,
    'kms-key': 50,
  }).map(([type, n]) => [type, Math.max(1, Math.round(n * SCALE))]),
);

/** Half the buckets carry tags, like most real estates; every other resource does. */
export const isTaggedBucket = (index: number) => index % 2 === 0;

export const ownerOf = (index: number) => `team-${index % 20}`;
