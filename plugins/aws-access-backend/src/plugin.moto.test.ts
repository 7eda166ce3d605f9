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

import type { AwsCredentialIdentity } from '@aws-sdk/types';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import request from 'supertest';
import {
  ASSUME_GRANT_ROLES,
  describeMoto,
  type MotoBackend,
  sessionCredentials,
  startMotoBackend,
} from './service/__testUtils__/motoBackend';

/**
 * The whole plugin against a real moto with IAM enforced: what a requester
 * can do with a grant's role before and after revoke and expiry, using only
 * their own AWS keys. (moto ignores policy conditions, so this shows the
 * engine deleting the role; the AWS-side expiry condition is checked with a
 * policy simulator in src/provisioning.)
 */
jest.setTimeout(150_000);

const BUCKET = 'granted-bucket';
const OTHER_BUCKET = 'other-bucket';

describeMoto(
  'grants used with the requester’s own AWS keys (moto, IAM enforced)',
  () => {
    let moto: MotoBackend['moto'];
    let server: Parameters<typeof request>[0];
    let keys: Record<string, AwsCredentialIdentity>;
    const aws = () => ({ region: 'us-east-1', forcePathStyle: true });

    async function useRole(user: string, roleArn: string) {
      const { Credentials } = await new STSClient({
        ...aws(),
        credentials: keys[user],
      }).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: user }),
      );
      return new S3Client({
        ...aws(),
        credentials: sessionCredentials(Credentials),
      });
    }

    const asAlice = () => mockCredentials.user.header('user:default/alice');

    async function requestGrant(actions: string[]): Promise<Grant> {
      const res = await request(server)
        .post('/api/aws-access/grants')
        .set('Authorization', asAlice())
        .send({
          resourceArn: `arn:aws:s3:::${BUCKET}`,
          actions,
          durationMinutes: 1,
          reason: 'moto end-to-end',
        });
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('active');
      return res.body;
    }

    beforeAll(async () => {
      ({ moto, server, keys } = await startMotoBackend({
        buckets: [BUCKET, OTHER_BUCKET],
        iamUsers: {
          backstage: { Action: '*', Resource: '*' },
          alice: ASSUME_GRANT_ROLES,
          bob: ASSUME_GRANT_ROLES,
        },
        awsAccess: {
          schedules: {
            expirySweep: { frequency: { seconds: 5 }, timeout: { minutes: 1 } },
          },
        },
      }));
    });

    afterAll(async () => {
      await moto?.stop();
    });

    it('allows exactly the granted actions, for the requester only, until revoke and expiry', async () => {
      const expiring = await requestGrant(['s3:GetObject', 's3:ListBucket']);
      const revokedLater = await requestGrant(['s3:GetObject']);

      const s3 = await useRole('alice', expiring.roleArn!);
      const object = await s3.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: 'data.txt' }),
      );
      expect(await object.Body!.transformToString()).toBe('hi');
      await expect(
        s3.send(new ListObjectsV2Command({ Bucket: BUCKET })),
      ).resolves.toMatchObject({ KeyCount: 1 });
      await expect(
        s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'x', Body: 'x' })),
      ).rejects.toMatchObject({ name: 'AccessDenied' });
      await expect(
        s3.send(
          new GetObjectCommand({ Bucket: OTHER_BUCKET, Key: 'data.txt' }),
        ),
      ).rejects.toMatchObject({ name: 'AccessDenied' });
      await expect(useRole('bob', expiring.roleArn!)).rejects.toThrow(
        /not authorized|AccessDenied/i,
      );

      // Revoke: the live session loses its rights, and the role is gone.
      const session = await useRole('alice', revokedLater.roleArn!);
      const revoked = await request(server)
        .post(`/api/aws-access/grants/${revokedLater.id}/revoke`)
        .set('Authorization', asAlice())
        .send({});
      expect(revoked.body.state).toBe('revoked');
      await expect(
        session.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'data.txt' })),
      ).rejects.toThrow();

      // Expiry: one minute after the request, the engine has removed the role.
      let state = expiring.state;
      for (let i = 0; i < 100 && state !== 'expired'; i++) {
        await new Promise(r => setTimeout(r, 1000));
        const res = await request(server)
          .get(`/api/aws-access/grants/${expiring.id}`)
          .set('Authorization', asAlice());
        state = res.body.state;
      }
      expect(state).toBe('expired');
      await expect(
        s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'data.txt' })),
      ).rejects.toThrow();
      await expect(
        useRole('alice', expiring.roleArn!).then(c =>
          c.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'data.txt' })),
        ),
      ).rejects.toThrow();
    });
  },
);
