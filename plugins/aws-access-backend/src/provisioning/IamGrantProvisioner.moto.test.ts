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
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  NoSuchEntityException,
  PutRolePolicyCommand,
  UntagRoleCommand,
} from '@aws-sdk/client-iam';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mockServices } from '@backstage/backend-test-utils';
import { IamDataActionCatalog } from '../iamActions/IamDataActionCatalog';
import {
  createUserWithKeys,
  MotoServer,
  isMotoAvailable,
  startMotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import {
  assumeRole,
  readReport,
  s3As,
  seedReportBuckets,
} from '../__testUtils__/motoSessions';
import { grantBoundaryArn } from '../onboarding/accessRoles';
import { IamGrantProvisioner } from './IamGrantProvisioner';
import { GRANT_POLICY_NAME, grantRoleName } from './naming';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';

const describeMoto = isMotoAvailable() ? describe : describe.skip;
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const BUCKET = 'arn:aws:s3:::granted-bucket';

/** An IAM user allowed `action` on everything, and its access keys. */
const createUser = (iam: IAMClient, name: string, action: string) =>
  createUserWithKeys(iam, name, { Action: action, Resource: '*' });

/**
 * A grant provisioned for real, then used the way a developer would, with
 * moto enforcing IAM. moto ignores policy conditions, so expiry is covered
 * by the simulator tests in `policies.test.ts`.
 */
describeMoto('IamGrantProvisioner against moto with IAM enforced', () => {
  let moto: MotoServer;
  let provisioner: IamGrantProvisioner;
  let adminIam: IAMClient;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let bob: Awaited<ReturnType<typeof createUser>>;
  let spec: GrantRoleSpec;
  let roleArn: string;

  beforeAll(async () => {
    moto = await startMotoServer();
    const iam = new IAMClient({ region: REGION });
    const admin = await createUser(iam, 'backstage', '*');
    adminIam = new IAMClient({
      region: REGION,
      credentials: admin.credentials,
    });
    alice = await createUser(iam, 'alice', 'sts:AssumeRole');
    bob = await createUser(iam, 'bob', 'sts:AssumeRole');
    await seedReportBuckets(['granted-bucket', 'other-bucket']);

    provisioner = new IamGrantProvisioner({
      clientFactory: {
        clientConfig: async () => ({
          region: REGION,
          credentials: async () => admin.credentials,
        }),
      },
      logger: mockServices.logger.mock(),
      installationId: 'https://backstage.example.com',
    });
    const catalog = await IamDataActionCatalog.create();
    const grantId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    spec = {
      grantId,
      accountId: ACCOUNT,
      roleName: grantRoleName(grantId, 'granted-bucket', '/backstage-access/'),
      policyName: GRANT_POLICY_NAME,
      rolePath: '/backstage-access/',
      requester: 'user:default/alice',
      trustPrincipalArns: [alice.arn],
      statements: catalog.buildStatements(BUCKET, ['s3:GetObject']),
      expiresAt: new Date(Date.now() + 60 * 60_000),
      permissionsBoundaryArn: grantBoundaryArn('aws', ACCOUNT),
    };

    // From here on, only the seeded users' keys work.
    await moto.enforceAuth(true);
    ({ roleArn } = await provisioner.createRole(spec));
    await provisioner.putRolePolicy(spec);
  }, 60_000);

  afterAll(async () => {
    await moto?.enforceAuth(false);
    await moto?.stop();
  });

  it('created the role under the managed path with its grant and installation tags', async () => {
    expect(roleArn).toBe(
      `arn:aws:iam::${ACCOUNT}:role/backstage-access/granted-bucket-0f8fad5bd9cb`,
    );
    await expect(provisioner.listManagedRoles(ACCOUNT)).resolves.toEqual([
      expect.objectContaining({
        roleName: spec.roleName,
        roleArn,
        path: '/backstage-access/',
        grantId: spec.grantId,
        installationId: 'https://backstage.example.com',
      }),
    ]);
  });

  it('created the role with the grant boundary as its permissions boundary', async () => {
    const { Role } = await adminIam.send(
      new GetRoleCommand({ RoleName: spec.roleName }),
    );
    expect(Role?.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/backstage-access/BackstageAccessGrantBoundary`,
    });
    await expect(
      provisioner.getRoleState(ACCOUNT, spec.roleName, spec.policyName),
    ).resolves.toMatchObject({
      permissionsBoundaryArn: spec.permissionsBoundaryArn,
    });
  });

  it('is idempotent when resumed', async () => {
    await expect(provisioner.createRole(spec)).resolves.toEqual({ roleArn });
    await expect(provisioner.putRolePolicy(spec)).resolves.toBeUndefined();
  });

  it('lets the requester read the granted bucket and nothing more', async () => {
    const session = await assumeRole(alice.credentials, roleArn);
    await expect(readReport(session, 'granted-bucket')).resolves.toBe(
      'contents of granted-bucket',
    );
    await expect(
      s3As(session).send(
        new PutObjectCommand({
          Bucket: 'granted-bucket',
          Key: 'report.txt',
          Body: 'overwritten',
        }),
      ),
    ).rejects.toThrow(/Access ?Denied/i);
    await expect(readReport(session, 'other-bucket')).rejects.toThrow(
      /Access ?Denied/i,
    );
  });

  it('does not let anyone else assume the role', async () => {
    await expect(assumeRole(bob.credentials, roleArn)).rejects.toThrow(
      /not authorized|Access ?Denied/i,
    );
  });

  it('removes on revoke a role someone untagged and attached things to', async () => {
    const tampered: GrantRoleSpec = {
      ...spec,
      grantId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      roleName: grantRoleName(
        '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        'granted-bucket',
        '/backstage-access/',
      ),
    };
    await provisioner.createRole(tampered);
    await provisioner.putRolePolicy(tampered);
    // What an admin outside Backstage did to keep the role.
    await adminIam.send(
      new UntagRoleCommand({
        RoleName: tampered.roleName,
        TagKeys: ['backstage-access:grant-id', 'backstage-access:installation'],
      }),
    );
    await adminIam.send(
      new PutRolePolicyCommand({
        RoleName: tampered.roleName,
        PolicyName: 'keep-me',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );
    const { Policy } = await adminIam.send(
      new CreatePolicyCommand({
        PolicyName: 'everything',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );
    await adminIam.send(
      new AttachRolePolicyCommand({
        RoleName: tampered.roleName,
        PolicyArn: Policy!.Arn,
      }),
    );
    await adminIam.send(
      new CreateInstanceProfileCommand({ InstanceProfileName: 'keeper' }),
    );
    await adminIam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: 'keeper',
        RoleName: tampered.roleName,
      }),
    );

    await provisioner.deleteRolePolicy(
      ACCOUNT,
      tampered.roleName,
      tampered.policyName,
    );
    await provisioner.deleteRole(ACCOUNT, tampered.roleName);

    await expect(
      adminIam.send(new GetRoleCommand({ RoleName: tampered.roleName })),
    ).rejects.toBeInstanceOf(NoSuchEntityException);
    const { InstanceProfile } = await adminIam.send(
      new GetInstanceProfileCommand({ InstanceProfileName: 'keeper' }),
    );
    expect(InstanceProfile?.Roles).toEqual([]);
  });

  it('ends access on revoke', async () => {
    const session = await assumeRole(alice.credentials, roleArn);
    await provisioner.deleteRolePolicy(ACCOUNT, spec.roleName, spec.policyName);
    await expect(readReport(session, 'granted-bucket')).rejects.toThrow();

    await provisioner.deleteRole(ACCOUNT, spec.roleName);
    // Deleting twice is fine: revocation is retried until it is recorded.
    await provisioner.deleteRolePolicy(ACCOUNT, spec.roleName, spec.policyName);
    await provisioner.deleteRole(ACCOUNT, spec.roleName);
    await expect(provisioner.listManagedRoles(ACCOUNT)).resolves.toEqual([]);

    // moto still hands out sessions for a deleted role, but they can do
    // nothing; real IAM refuses the AssumeRole itself.
    await expect(
      assumeRole(alice.credentials, roleArn).then(fresh =>
        readReport(fresh, 'granted-bucket'),
      ),
    ).rejects.toThrow();
  });
});
