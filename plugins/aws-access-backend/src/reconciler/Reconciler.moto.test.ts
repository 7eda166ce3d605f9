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
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { IamDataActionCatalog } from '../iamActions/IamDataActionCatalog';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { GrantRecord } from '../database/types';
import { IamGrantProvisioner } from '../provisioning/IamGrantProvisioner';
import { GRANT_POLICY_NAME } from '../provisioning/naming';
import { renderGrantPolicies } from '../provisioning/policies';
import { samePolicy } from '../provisioning/policyDocuments';
import {
  createUserWithKeys,
  isMotoAvailable,
  MotoServer,
  startMotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import {
  assumeRole,
  readReport,
  seedReportBuckets,
} from '../__testUtils__/motoSessions';
import { createTestLifecycle } from '../lifecycle/__testUtils__/createTestLifecycle';
import { GrantEngine } from '../engine/GrantEngine';
import { grantRoleSpec } from '../engine/grantRoleSpec';
import { Reconciler } from './Reconciler';
import { provisioningGrant } from '../service/__testUtils__/RecordingProvisioner';

const describeMoto = isMotoAvailable() ? describe : describe.skip;
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const PATH = '/backstage-access/';
const BUCKET = 'arn:aws:s3:::granted-bucket';

/**
 * Someone widens a live grant's role by hand in the AWS console; the next
 * reconciler pass puts the grant's own policy back, with moto enforcing IAM
 * so the effect on the requester's session is real.
 */
describeMoto('Reconciler against moto', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let moto: MotoServer;
  let adminIam: IAMClient;
  let alice: Awaited<ReturnType<typeof createUserWithKeys>>;
  let store: DatabaseGrantStore;
  let reconciler: Reconciler;
  let engine: GrantEngine;
  let grant: GrantRecord;
  let newActiveGrant: (requester: string) => Promise<GrantRecord>;

  const assumeAsAlice = () => assumeRole(alice.credentials, grant.roleArn!);

  /** The next reconciler pass ends `ended` failed, with `why` shown as its cause. */
  async function expectEndedFailed(ended: GrantRecord, why: string) {
    const result = await reconciler.reconcile();
    expect(result.revoked).toEqual([
      { grantId: ended.id, roleArn: ended.roleArn, why },
    ]);
    await expect(store.getGrant(ended.id)).resolves.toMatchObject({
      state: 'failed',
      lastError: why,
    });
  }

  beforeAll(async () => {
    moto = await startMotoServer();
    const iam = new IAMClient({ region: REGION });
    const admin = await createUserWithKeys(iam, 'backstage', {
      Action: '*',
      Resource: '*',
    });
    alice = await createUserWithKeys(iam, 'alice', {
      Action: 'sts:AssumeRole',
      Resource: '*',
    });
    await seedReportBuckets(['granted-bucket', 'other-bucket']);
    // From here on, only the seeded users' keys work.
    await moto.enforceAuth(true);
    adminIam = new IAMClient({
      region: REGION,
      credentials: admin.credentials,
    });

    const logger = mockServices.logger.mock();
    store = await DatabaseGrantStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    const provisioner = new IamGrantProvisioner({
      clientFactory: {
        clientConfig: async () => ({
          region: REGION,
          credentials: async () => admin.credentials,
        }),
      },
      logger,
      rolePath: PATH,
      installationId: 'https://backstage.example.com',
    });
    const { lifecycle } = createTestLifecycle(store, logger);
    engine = new GrantEngine({
      store,
      lifecycle,
      provisioner,
      logger,
      rolePath: PATH,
    });
    reconciler = new Reconciler({
      store,
      lifecycle,
      provisioner,
      accountIds: () => [ACCOUNT],
      logger,
      engine,
      installationId: 'https://backstage.example.com',
    });

    const catalog = await IamDataActionCatalog.create();
    newActiveGrant = async requester => {
      const inserted = await store.insertGrant(
        provisioningGrant({
          requester,
          resourceArn: BUCKET,
          accountId: ACCOUNT,
          trustPrincipalArns: [alice.arn],
          statements: catalog.buildStatements(BUCKET, ['s3:GetObject']),
        }),
        { type: 'requested', actor: 'user:default/alice' },
      );
      return (await engine.drive(inserted.id))!;
    };
    grant = await newActiveGrant('user:default/alice');
  }, 60_000);

  afterAll(async () => {
    await moto?.enforceAuth(false);
    await moto?.stop();
  });

  it('finds nothing to repair in a role as the engine provisioned it', async () => {
    expect(grant.state).toBe('active');
    await expect(reconciler.reconcile()).resolves.toMatchObject({
      repaired: [],
      failedRoles: [],
      failedAccounts: [],
    });
  });

  it('puts back the grant’s policy after someone widened it to s3:*', async () => {
    await adminIam.send(
      new PutRolePolicyCommand({
        RoleName: grant.roleName,
        PolicyName: GRANT_POLICY_NAME,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        }),
      }),
    );
    const session = await assumeAsAlice();
    await expect(readReport(session, 'other-bucket')).resolves.toBe(
      'contents of other-bucket',
    );

    const result = await reconciler.reconcile();

    expect(result.repaired).toEqual([
      expect.objectContaining({
        grantId: grant.id,
        roleArn: grant.roleArn,
        drift: expect.objectContaining({ permissionPolicy: 'changed' }),
      }),
    ]);
    const { PolicyDocument } = await adminIam.send(
      new GetRolePolicyCommand({
        RoleName: grant.roleName,
        PolicyName: GRANT_POLICY_NAME,
      }),
    );
    const expected = renderGrantPolicies(grantRoleSpec(grant, PATH));
    expect(
      samePolicy(
        decodeURIComponent(PolicyDocument!),
        expected.permissionPolicy,
      ),
    ).toBe(true);

    // The live session is back to what the grant allows.
    await expect(readReport(session, 'other-bucket')).rejects.toThrow(
      /Access ?Denied/i,
    );
    await expect(readReport(session, 'granted-bucket')).resolves.toBe(
      'contents of granted-bucket',
    );
    const events = await store.listEvents(grant.id);
    expect(events[events.length - 1]).toMatchObject({
      type: 'drift-repaired',
      actor: 'service:aws-access',
    });

    // IAM's reformatted copy of the repaired policy reads as no drift.
    await expect(reconciler.reconcile()).resolves.toMatchObject({
      repaired: [],
    });
  });

  it('revokes a grant whose permissions boundary was removed, and says why', async () => {
    const bounded = await newActiveGrant('user:default/bob');
    await adminIam.send(
      new DeleteRolePermissionsBoundaryCommand({ RoleName: bounded.roleName }),
    );

    await expectEndedFailed(
      bounded,
      'permissions boundary removed outside Backstage',
    );
    await expect(
      adminIam.send(new GetRoleCommand({ RoleName: bounded.roleName })),
    ).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('ends a grant failed whose role was deleted outside Backstage, and says why', async () => {
    const deleted = await newActiveGrant('user:default/carol');
    await adminIam.send(
      new DeleteRolePolicyCommand({
        RoleName: deleted.roleName,
        PolicyName: GRANT_POLICY_NAME,
      }),
    );
    await adminIam.send(new DeleteRoleCommand({ RoleName: deleted.roleName }));

    await expectEndedFailed(deleted, 'the role was deleted outside Backstage');
    // The other grants keep their roles.
    await expect(
      adminIam.send(new GetRoleCommand({ RoleName: grant.roleName })),
    ).resolves.toBeDefined();
  });

  it("removes its own leftover roles but never another installation's", async () => {
    const leftover = (name: string, installation: string) =>
      adminIam.send(
        new CreateRoleCommand({
          RoleName: name,
          Path: PATH,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [],
          }),
          Tags: [
            { Key: 'backstage-access:grant-id', Value: `gone-${name}` },
            { Key: 'backstage-access:installation', Value: installation },
          ],
        }),
      );
    await leftover('ours-left-over', 'https://backstage.example.com');
    await leftover('staging-grant', 'https://backstage-staging.example.com');

    const result = await reconciler.reconcile();

    expect(result.removed).toEqual([
      {
        roleArn: `arn:aws:iam::${ACCOUNT}:role${PATH}ours-left-over`,
        why: 'its grant gone-ours-left-over is unknown',
      },
    ]);
    expect(result.otherInstallations).toEqual([
      `arn:aws:iam::${ACCOUNT}:role${PATH}staging-grant`,
    ]);
    await expect(
      adminIam.send(new GetRoleCommand({ RoleName: 'staging-grant' })),
    ).resolves.toBeDefined();
  });
});
