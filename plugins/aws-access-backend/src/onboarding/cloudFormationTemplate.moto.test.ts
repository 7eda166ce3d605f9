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
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateRoleCommand,
  CreateUserCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockServices } from '@backstage/backend-test-utils';
import { IamGrantProvisioner } from '../provisioning/IamGrantProvisioner';
import type { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';
import {
  MotoServer,
  isMotoAvailable,
  startMotoServer,
} from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import { sessionCredentials } from '@backstage-aws-access/plugin-aws-access-node/testUtils';
import {
  GRANT_BOUNDARY,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
  grantBoundaryArn,
  rolePolicyDocument,
} from './accessRoles';
import { renderCloudFormationTemplate } from './cloudFormationTemplate';

// CloudFormation in moto takes seconds per stack, more on a busy machine.
jest.setTimeout(120_000);

const describeWithMoto = isMotoAvailable() ? describe : describe.skip;
const region = 'us-east-1';
const rolePath = '/backstage-access/';

describeWithMoto('the onboarding stack in CloudFormation (moto)', () => {
  let moto: MotoServer;
  const cfn = () => new CloudFormationClient({ region });
  const iam = () => new IAMClient({ region });

  beforeAll(async () => {
    moto = await startMotoServer();
  }, 30_000);
  afterAll(() => moto?.stop());
  beforeEach(() => moto.reset());

  async function createStack(templateBody: string, externalId?: string) {
    await cfn().send(
      new CreateStackCommand({
        StackName: 'backstage-access',
        TemplateBody: templateBody,
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Parameters: externalId
          ? [{ ParameterKey: 'ExternalId', ParameterValue: externalId }]
          : [],
      }),
    );
    const { Stacks } = await cfn().send(
      new DescribeStacksCommand({ StackName: 'backstage-access' }),
    );
    const stack = Stacks![0];
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    return Object.fromEntries(
      (stack.Outputs ?? []).map(o => [o.OutputKey, o.OutputValue]),
    );
  }

  it('creates both roles and the grant boundary, and the grant engine provisions bounded roles and revokes them through the manager', async () => {
    const { Role: backend } = await iam().send(
      new CreateRoleCommand({
        RoleName: 'backstage-backend',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [],
        }),
      }),
    );
    const outputs = await createStack(
      renderCloudFormationTemplate({
        rolePath,
        trust: { type: 'iam-principal', principalArn: backend!.Arn! },
      }),
      'ext-123',
    );
    expect(outputs.ManagerRoleArn).toBe(
      `arn:aws:iam::123456789012:role/${MANAGER_ROLE_NAME}`,
    );
    expect(outputs.ReaderRoleArn).toBe(
      `arn:aws:iam::123456789012:role/${READER_ROLE_NAME}`,
    );
    // The grant boundary is the stack's, at the ARN the engine derives.
    expect(outputs.GrantBoundaryArn).toBe(
      grantBoundaryArn('aws', '123456789012'),
    );
    const { Policy } = await iam().send(
      new GetPolicyCommand({ PolicyArn: outputs.GrantBoundaryArn }),
    );
    const { PolicyVersion } = await iam().send(
      new GetPolicyVersionCommand({
        PolicyArn: outputs.GrantBoundaryArn,
        VersionId: Policy!.DefaultVersionId,
      }),
    );
    const deployed = PolicyVersion!.Document!;
    expect(
      JSON.parse(
        deployed.startsWith('%') || deployed.includes('%22')
          ? decodeURIComponent(deployed)
          : deployed,
      ),
    ).toEqual(
      rolePolicyDocument(GRANT_BOUNDARY, {
        partition: 'aws',
        accountId: '123456789012',
        rolePath,
      }),
    );

    const { Role: manager } = await iam().send(
      new GetRoleCommand({ RoleName: MANAGER_ROLE_NAME }),
    );
    expect(manager?.Tags).toContainEqual({
      Key: TAG_TEMPLATE_VERSION,
      Value: String(TEMPLATE_VERSION),
    });
    const trust = JSON.parse(
      decodeURIComponent(manager!.AssumeRolePolicyDocument!),
    );
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: backend!.Arn },
      Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
    });

    // Run the real grant provisioner as the backend would: through the
    // stack's manager role, assumed with the account's external id.
    const sts = new STSClient({ region });
    const provisioner = new IamGrantProvisioner({
      logger: mockServices.logger.mock(),
      rolePath,
      clientFactory: {
        async clientConfig(accountId, purpose) {
          expect(purpose).toBe('manage');
          const { Credentials } = await sts.send(
            new AssumeRoleCommand({
              RoleArn: outputs.ManagerRoleArn,
              RoleSessionName: 'backstage',
              ExternalId: 'ext-123',
            }),
          );
          expect(accountId).toBe('123456789012');
          return {
            region,
            credentials: async () => sessionCredentials(Credentials),
          };
        },
      },
    });
    const spec: GrantRoleSpec = {
      grantId: 'g1',
      accountId: '123456789012',
      roleName: 'bucket-g1',
      policyName: 'backstage-access-grant',
      rolePath,
      requester: 'user:default/guest',
      trustPrincipalArns: [backend!.Arn!],
      statements: [
        { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] },
      ],
      expiresAt: new Date(Date.now() + 3_600_000),
      permissionsBoundaryArn: outputs.GrantBoundaryArn!,
    };
    const { roleArn } = await provisioner.createRole(spec);
    await provisioner.putRolePolicy(spec);
    expect(roleArn).toBe(
      'arn:aws:iam::123456789012:role/backstage-access/bucket-g1',
    );
    const { Role: grantRole } = await iam().send(
      new GetRoleCommand({ RoleName: 'bucket-g1' }),
    );
    expect(grantRole?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
      outputs.GrantBoundaryArn,
    );
    await expect(provisioner.listManagedRoles('123456789012')).resolves.toEqual(
      [expect.objectContaining({ roleName: 'bucket-g1', grantId: 'g1' })],
    );

    await provisioner.deleteRolePolicy(
      '123456789012',
      'bucket-g1',
      spec.policyName,
    );
    await provisioner.deleteRole('123456789012', 'bucket-g1');
    const after = await iam().send(
      new ListRolesCommand({ PathPrefix: rolePath }),
    );
    expect(after.Roles).toEqual([]);
  });

  it('creates the EKS variant with an OIDC provider and web-identity trust', async () => {
    await createStack(
      renderCloudFormationTemplate({
        rolePath,
        trust: {
          type: 'eks-oidc',
          issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC123',
          subject: 'system:serviceaccount:backstage:backstage',
          createProvider: true,
        },
      }),
    );
    // moto 5.2 accepts but does not create AWS::IAM::OIDCProvider
    // resources; the provider itself is checked in the template's unit test.
    const { Role: reader } = await iam().send(
      new GetRoleCommand({ RoleName: READER_ROLE_NAME }),
    );
    const trust = JSON.parse(
      decodeURIComponent(reader!.AssumeRolePolicyDocument!),
    );
    expect(trust.Statement[0]).toMatchObject({
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: {
        Federated:
          'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123',
      },
      Condition: {
        StringEquals: {
          'oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub':
            'system:serviceaccount:backstage:backstage',
        },
      },
    });
  });

  it('removes the roles when the stack is deleted (offboarding)', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'backstage' }));
    await createStack(
      renderCloudFormationTemplate({
        rolePath,
        trust: {
          type: 'iam-principal',
          principalArn: 'arn:aws:iam::123456789012:user/backstage',
        },
      }),
      'ext-123',
    );
    await cfn().send(new DeleteStackCommand({ StackName: 'backstage-access' }));
    await expect(
      iam().send(new GetRoleCommand({ RoleName: MANAGER_ROLE_NAME })),
    ).rejects.toBeInstanceOf(NoSuchEntityException);
    // moto 5.2 leaves AWS::IAM::ManagedPolicy resources behind on
    // DeleteStack, so the boundary's removal cannot be checked here;
    // CloudFormation deletes every resource of the stack.
  });
});
