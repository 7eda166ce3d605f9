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

import { IAMClient } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createUserWithKeys,
  isMotoAvailable,
  MotoServer,
  startMotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import { awsAccessPlugin } from '../../plugin';
import { awsUser, discoveredResource } from './testApp';

export { sessionCredentials } from '@backstage-aws-access/plugin-aws-access-node/testUtils';

/** `describe` where `moto_server` is installed; skipped elsewhere. */
export const describeMoto = isMotoAvailable() ? describe : describe.skip;

/** What {@link startMotoBackend} started. */
export type MotoBackend = Awaited<ReturnType<typeof startMotoBackend>>;

/** The account every moto suite's backend manages. */
export const MOTO_ACCOUNT = '123456789012';

/** What an IAM user may do: one inline policy statement. */
export type IamAllow = { Action: string; Resource: string };

/** Rights to assume any grant role: what a requester's own keys need. */
export const ASSUME_GRANT_ROLES: IamAllow = {
  Action: 'sts:AssumeRole',
  Resource: `arn:aws:iam::${MOTO_ACCOUNT}:role/backstage-access/*`,
};

/**
 * The whole aws-access plugin, started against a fresh moto: the buckets
 * (each catalogued, holding `data.txt`), the IAM users with their keys, and
 * a catalog with those users and buckets. With `iamUsers`, the backend runs
 * as the `backstage` user among them and IAM is enforced once it is up,
 * since with auth enforced moto only accepts keys of users that exist.
 */
export async function startMotoBackend(options: {
  buckets: string[];
  /** Users the catalog knows, besides those in `iamUsers`. */
  users?: string[];
  iamUsers?: Record<string, IamAllow>;
  /** More `awsAccess` config than the one account. */
  awsAccess?: object;
  config?: object;
  features?: BackendFeature[];
}) {
  const moto: MotoServer = await startMotoServer();
  const aws = { region: 'us-east-1', forcePathStyle: true };
  const keys: Record<string, AwsCredentialIdentity> = {};
  const iam = new IAMClient(aws);
  for (const [name, allow] of Object.entries(options.iamUsers ?? {})) {
    keys[name] = (await createUserWithKeys(iam, name, allow)).credentials;
  }
  iam.destroy();
  const s3 = new S3Client(aws);
  for (const bucket of options.buckets) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'data.txt', Body: 'hi' }),
    );
  }
  s3.destroy();
  if (keys.backstage) {
    process.env.AWS_ACCESS_KEY_ID = keys.backstage.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = keys.backstage.secretAccessKey;
  }
  const users = [
    ...(options.users ?? []),
    ...Object.keys(options.iamUsers ?? {}).filter(u => u !== 'backstage'),
  ];
  const backend = await startTestBackend({
    features: [
      awsAccessPlugin,
      catalogServiceMock.factory({
        entities: [
          ...users.map(name => awsUser(name, MOTO_ACCOUNT)),
          ...options.buckets.map(bucket =>
            discoveredResource({
              name: bucket,
              arn: `arn:aws:s3:::${bucket}`,
              accountId: MOTO_ACCOUNT,
            }),
          ),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          awsAccess: {
            // Nothing discovers here: no wait for a first discovery.
            catalog: { enabled: false },
            accounts: [
              { accountId: MOTO_ACCOUNT, name: 'home', regions: ['us-east-1'] },
            ],
            ...options.awsAccess,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  if (keys.backstage) {
    await moto.enforceAuth(true);
  }
  return {
    moto,
    backend,
    server: backend.server,
    keys,
    async stop() {
      await backend.stop();
      await moto.stop();
    },
  };
}
