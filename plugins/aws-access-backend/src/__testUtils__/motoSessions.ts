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

import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { sessionCredentials } from '@backstage-aws-access/plugin-aws-access-node/testUtils';

// What the moto suites do with a grant, the way its requester would: the
// object every seeded bucket holds, and the role session that reads it.

const REGION = 'us-east-1';
const REPORT = 'report.txt';

/** S3 on moto, as `credentials` (moto's default keys when none are given). */
export function s3As(credentials?: AwsCredentialIdentity): S3Client {
  return new S3Client({
    region: REGION,
    credentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });
}

/** Creates each bucket holding a `report.txt` of `contents of <bucket>`. */
export async function seedReportBuckets(buckets: string[]): Promise<void> {
  const s3 = s3As();
  for (const bucket of buckets) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: REPORT,
        Body: `contents of ${bucket}`,
      }),
    );
  }
}

/** Reads a seeded bucket's `report.txt` as `credentials`. */
export async function readReport(
  credentials: AwsCredentialIdentity,
  bucket: string,
): Promise<string> {
  const { Body } = await s3As(credentials).send(
    new GetObjectCommand({ Bucket: bucket, Key: REPORT }),
  );
  return Body!.transformToString();
}

/** The credentials of a session on `roleArn`, assumed as `credentials`. */
export async function assumeRole(
  credentials: AwsCredentialIdentity,
  roleArn: string,
): Promise<AwsCredentialIdentity> {
  const sts = new STSClient({ region: REGION, credentials, maxAttempts: 1 });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test' }),
  );
  return sessionCredentials(Credentials);
}
