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
  GetRoleCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRolesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ASSUME_GRANT_ROLES,
  describeMoto,
  type MotoBackend,
  sessionCredentials,
  startMotoBackend,
} from '../service/__testUtils__/motoBackend';

/**
 * The attacks of attacks.test.ts that AWS itself can answer, against moto
 * with IAM enforced: what each user can really do with their own keys.
 * (moto evaluates neither conditions nor boundaries; those are proven with
 * the policy simulator in src/onboarding and src/provisioning.)
 */
jest.setTimeout(120_000);

const BUCKET = 'granted-bucket';
describeMoto('attacks against moto with IAM enforced', () => {
  let moto: MotoBackend['moto'];
  let server: Parameters<typeof request>[0];
  let keys: Record<string, AwsCredentialIdentity>;
  const aws = { region: 'us-east-1' };
  let iam: IAMClient;

  const post = (user: string, body: object) =>
    request(server)
      .post('/api/aws-access/grants')
      .set('Authorization', mockCredentials.user.header(`user:default/${user}`))
      .send({ durationMinutes: 30, reason: 'attack run', ...body });

  const managedRoles = async () =>
    (await iam.send(new ListRolesCommand({ PathPrefix: '/backstage-access/' })))
      .Roles ?? [];

  beforeAll(async () => {
    ({ moto, server, keys } = await startMotoBackend({
      buckets: [BUCKET],
      iamUsers: {
        backstage: { Action: '*', Resource: '*' },
        alice: ASSUME_GRANT_ROLES,
        // Mallory holds some AWS rights already: she may assume any grant role.
        mallory: ASSUME_GRANT_ROLES,
      },
    }));
    iam = new IAMClient({ ...aws, credentials: keys.backstage });
  });

  afterAll(async () => {
    iam?.destroy();
    await moto?.stop();
  });

  it("leaves Alice's role exactly as granted and usable by Alice alone", async () => {
    const alices = await post('alice', {
      resourceArn: `arn:aws:s3:::${BUCKET}`,
      actions: ['s3:GetObject'],
    });
    expect(alices.status).toBe(201);
    const { roleArn, roleName } = alices.body;

    // Mallory has sts:AssumeRole on every grant role, but the trust policy
    // names Alice's own user, so AWS refuses her.
    await expect(
      new STSClient({ ...aws, credentials: keys.mallory }).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'mallory' }),
      ),
    ).rejects.toThrow(/not authorized|AccessDenied/i);

    // She cannot get IAM writes on it through Backstage either ...
    const escalation = await post('mallory', {
      resourceArn: roleArn,
      actions: ['iam:PutRolePolicy'],
    });
    expect(escalation.status).toBe(400);
    // ... nor can Alice's own session write to her role.
    const { Credentials } = await new STSClient({
      ...aws,
      credentials: keys.alice,
    }).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'a' }));
    await expect(
      new IAMClient({
        ...aws,
        credentials: sessionCredentials(Credentials),
      }).send(
        new PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: 'admin',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          }),
        }),
      ),
    ).rejects.toThrow(/not authorized|AccessDenied/i);

    const { PolicyNames } = await iam.send(
      new ListRolePoliciesCommand({ RoleName: roleName }),
    );
    expect(PolicyNames).toEqual([alices.body.policyName]);
    expect((await managedRoles()).map(r => r.RoleName)).toEqual([roleName]);

    const revoked = await request(server)
      .post(`/api/aws-access/grants/${alices.body.id}/revoke`)
      .set('Authorization', mockCredentials.user.header('user:default/alice'))
      .send({});
    expect(revoked.body.state).toBe('revoked');
    await expect(
      iam.send(new GetRoleCommand({ RoleName: roleName })),
    ).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('creates no role for hostile ARNs, foreign accounts or users without an entity', async () => {
    const attempts = [
      await post('mallory', {
        resourceArn: 'arn:aws:s3:::${aws:UserAgent}',
        actions: ['s3:GetObject'],
      }),
      await post('mallory', {
        resourceArn: `arn:aws:s3:::${BUCKET}/../other`,
        actions: ['s3:GetObject'],
      }),
      await post('mallory', {
        resourceArn: `arn:aws:s3:::${BUCKET},kind=user`,
        actions: ['s3:GetObject'],
      }),
      await post('mallory', {
        resourceArn: `arn:aws:s3:::${BUCKET}`,
        actions: ['s3:GetObject'],
        accountId: '210987654321',
      }),
      await post('deleted', {
        resourceArn: `arn:aws:s3:::${BUCKET}`,
        actions: ['s3:GetObject'],
      }),
    ];
    expect(attempts.map(a => a.status)).toEqual([400, 400, 400, 400, 403]);
    expect(await managedRoles()).toEqual([]);
  });
});
