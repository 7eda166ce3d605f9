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
  GetRolePolicyCommand,
  IAMClient,
  ListRoleTagsCommand,
} from '@aws-sdk/client-iam';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import request from 'supertest';
import { DefaultAwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import { readAwsAccessConfig } from '@backstage-aws-access/plugin-aws-access-node';
import { IamGrantProvisioner } from '../provisioning/IamGrantProvisioner';
import {
  isMotoAvailable,
  MotoServer,
  startMotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import {
  accessConfig,
  BUCKET,
  createTestApp,
  HOME,
} from '../service/__testUtils__/testApp';

jest.setTimeout(60_000);

const describeMoto = isMotoAvailable() ? describe : describe.skip;

describeMoto('grants end to end against moto IAM', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let moto: MotoServer;
  let app: express.Express;
  let iam: IAMClient;

  beforeAll(async () => {
    moto = await startMotoServer();
    iam = new IAMClient({ region: 'us-east-1' });
    const config = readAwsAccessConfig(new ConfigReader(accessConfig));
    const provisioner = new IamGrantProvisioner({
      clientFactory: DefaultAwsClientFactory.fromConfig(
        new ConfigReader(accessConfig),
        config,
      ),
      logger: mockServices.logger.mock(),
      rolePath: config.rolePath,
    });
    ({ app } = await createTestApp({
      provisioner,
      knex: await databases.init('SQLITE_3'),
    }));
  });

  afterAll(async () => {
    iam?.destroy();
    await moto?.stop();
  });

  it('creates the role with its policy, then removes both on revoke', async () => {
    const created = await request(app)
      .post('/grants')
      .send({
        resourceArn: BUCKET,
        actions: ['s3:GetObject', 's3:ListBucket'],
        durationMinutes: 90,
        reason: 'end-to-end test',
        accountId: HOME,
      });
    expect(created.status).toBe(201);
    const grant = created.body;
    expect(grant).toMatchObject({ state: 'active', accountId: HOME });

    const { Role } = await iam.send(
      new GetRoleCommand({ RoleName: grant.roleName }),
    );
    expect(Role).toMatchObject({
      Arn: grant.roleArn,
      Path: '/backstage-access/',
    });
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toContain(
      `arn:aws:iam::${HOME}:user/alice`,
    );
    const { Tags } = await iam.send(
      new ListRoleTagsCommand({ RoleName: grant.roleName }),
    );
    expect(Tags).toEqual(
      expect.arrayContaining([
        { Key: 'backstage-access:grant-id', Value: grant.id },
      ]),
    );
    const policy = await iam.send(
      new GetRolePolicyCommand({
        RoleName: grant.roleName,
        PolicyName: grant.policyName,
      }),
    );
    const document = JSON.parse(decodeURIComponent(policy.PolicyDocument!));
    expect(document.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: expect.arrayContaining(['s3:GetObject']),
          Resource: expect.arrayContaining([`${BUCKET}/*`]),
        }),
      ]),
    );

    const revoked = await request(app)
      .post(`/grants/${grant.id}/revoke`)
      .send({ reason: 'done' });
    expect(revoked.body.state).toBe('revoked');
    await expect(
      iam.send(new GetRoleCommand({ RoleName: grant.roleName })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
