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
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  Grant,
  GrantTarget,
} from '@backstage-aws-access/plugin-aws-access-common';
import request from 'supertest';
import {
  DefaultAwsClientFactory,
  readAwsAccessConfig,
} from '@backstage-aws-access/plugin-aws-access-node';
import {
  isMotoAvailable,
  MotoServer,
  sessionCredentials,
  startMotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import { IamGrantProvisioner } from '../provisioning/IamGrantProvisioner';
import {
  ALICE,
  as,
  BOB,
  createTestApp,
  DAN,
  HOME,
  OTHER,
} from '../service/__testUtils__/testApp';
import {
  AUDIT_BUCKET,
  bundleBody,
  bundleEntities,
  ownerApprovalConfig,
  SECURITY_BUCKET,
  target,
  TEAM_BUCKET,
} from './__testUtils__/bundleTestApp';

jest.setTimeout(120_000);

const describeMoto = isMotoAvailable() ? describe : describe.skip;

/** Owners approve; the other account is reached through its manager role. */
const config = {
  awsAccess: {
    ...ownerApprovalConfig.awsAccess,
    accounts: ownerApprovalConfig.awsAccess.accounts.map(a =>
      a.accountId === OTHER
        ? {
            ...a,
            managerRoleArn: `arn:aws:iam::${OTHER}:role/BackstageAccessManager`,
          }
        : a,
    ),
  },
};

type Policy = {
  Statement: Array<{
    Resource: string[];
    Condition: { DateLessThan: { 'aws:CurrentTime': string } };
  }>;
};

describeMoto('bundles against moto IAM, in two accounts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let moto: MotoServer;
  let app: Parameters<typeof request>[0];
  const iamOf: Record<string, IAMClient> = {};

  const post = (path: string, body: object, who: string) =>
    request(app).post(path).set('authorization', as(who)).send(body);

  /** The role as IAM holds it, in its own account. */
  async function roleOf(accountId: string, roleName: string, policy: string) {
    const iam = iamOf[accountId];
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    const inline = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policy }),
    );
    return {
      role: Role!,
      trust: JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)),
      permissions: JSON.parse(
        decodeURIComponent(inline.PolicyDocument!),
      ) as Policy,
    };
  }

  beforeAll(async () => {
    moto = await startMotoServer();
    const aws = { region: 'us-east-1' };
    iamOf[HOME] = new IAMClient(aws);
    const { Credentials } = await new STSClient(aws).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${OTHER}:role/BackstageAccessManager`,
        RoleSessionName: 'test',
      }),
    );
    iamOf[OTHER] = new IAMClient({
      ...aws,
      credentials: sessionCredentials(Credentials),
    });
    const readerConfig = new ConfigReader(config);
    const access = readAwsAccessConfig(readerConfig);
    const provisioner = new IamGrantProvisioner({
      clientFactory: DefaultAwsClientFactory.fromConfig(readerConfig, access),
      logger: mockServices.logger.mock(),
      rolePath: access.rolePath,
    });
    ({ app } = await createTestApp({
      provisioner,
      knex: await databases.init('SQLITE_3'),
      config,
      entities: bundleEntities,
    }));
  });

  afterAll(async () => {
    Object.values(iamOf).forEach(iam => iam.destroy());
    await moto?.stop();
  });

  it("needs both owners' approval, then makes one role per account that expire together, and revoking removes both", async () => {
    const created = await post(
      '/bundles',
      bundleBody([
        target(TEAM_BUCKET),
        target(SECURITY_BUCKET, ['s3:ListBucket']),
      ]),
      ALICE,
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await post(`/bundles/${id}/approve`, {}, BOB)).body.state).toBe(
      'pending',
    );
    const approved = await post(`/bundles/${id}/approve`, {}, DAN);
    expect(approved.status).toBe(200);
    const bundle = approved.body;
    expect(bundle.state).toBe('active');
    expect(bundle.grants).toHaveLength(2);

    const expiresAt = new Date(bundle.expiresAt).getTime();
    const iamTime = new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    for (const grant of bundle.grants) {
      expect(grant).toMatchObject({
        state: 'active',
        bundleId: id,
        expiresAt: bundle.expiresAt,
      });
      const { role, trust, permissions } = await roleOf(
        grant.accountId,
        grant.roleName,
        grant.policyName,
      );
      expect(role.Arn).toBe(grant.roleArn);
      expect(role.Arn).toContain(`::${grant.accountId}:role/backstage-access/`);
      // AWS itself ends both roles at the same moment.
      expect(trust.Statement[0].Condition.DateLessThan['aws:CurrentTime']).toBe(
        iamTime,
      );
      for (const statement of permissions.Statement) {
        expect(statement.Condition.DateLessThan['aws:CurrentTime']).toBe(
          iamTime,
        );
      }
    }
    const [home, other] = [HOME, OTHER].map(
      account =>
        bundle.grants.find((g: Grant) => g.accountId === account) as Grant,
    );
    expect(
      (await roleOf(HOME, home.roleName!, home.policyName!)).permissions
        .Statement[0].Resource,
    ).toEqual([`${TEAM_BUCKET}/*`]);
    expect(
      (await roleOf(OTHER, other.roleName!, other.policyName!)).permissions
        .Statement[0].Resource,
    ).toEqual([SECURITY_BUCKET]);

    const revoked = await post(
      `/bundles/${id}/revoke`,
      { reason: 'done' },
      ALICE,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    for (const grant of bundle.grants) {
      await expect(
        iamOf[grant.accountId].send(
          new GetRoleCommand({ RoleName: grant.roleName }),
        ),
      ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    }
  });

  it('makes exactly one role with one statement per bucket for two buckets in one account', async () => {
    const created = await post(
      '/bundles',
      bundleBody([target(TEAM_BUCKET), target(AUDIT_BUCKET)]),
      ALICE,
    );
    const id = created.body.id;
    await post(`/bundles/${id}/approve`, {}, BOB);
    const approved = await post(`/bundles/${id}/approve`, {}, DAN);
    expect(approved.body.state).toBe('active');
    const [grant, ...others] = approved.body.grants;
    expect(others).toEqual([]);
    expect(grant.targets.map((t: GrantTarget) => t.resourceArn)).toEqual([
      TEAM_BUCKET,
      AUDIT_BUCKET,
    ]);
    const { permissions } = await roleOf(
      HOME,
      grant.roleName,
      grant.policyName,
    );
    expect(permissions.Statement.map(s => s.Resource)).toEqual([
      [`${TEAM_BUCKET}/*`],
      [`${AUDIT_BUCKET}/*`],
    ]);
  });
});
