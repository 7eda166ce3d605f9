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
  CreateRoleCommand,
  DeleteConflictException,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  ServiceFailureException,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';
import { IamGrantProvisioner } from './IamGrantProvisioner';
import { renderGrantPolicies } from './policies';
import { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';

const ACCOUNT = '123456789012';
const BUCKET = 'arn:aws:s3:::granted-bucket';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/backstage-access/granted-bucket-g1`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/backstage-access/BackstageAccessGrantBoundary`;
/** A role as the engine makes it: under the role path, with the grant boundary. */
const madeByEngine = {
  Arn: ROLE_ARN,
  Path: '/backstage-access/',
  PermissionsBoundary: {
    PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const,
    PermissionsBoundaryArn: BOUNDARY,
  },
};
const meta = { $metadata: {} };

function makeSpec(overrides: Partial<GrantRoleSpec> = {}): GrantRoleSpec {
  return {
    grantId: 'g1',
    accountId: ACCOUNT,
    roleName: 'granted-bucket-g1',
    policyName: 'backstage-access-grant',
    rolePath: '/backstage-access/',
    requester: 'user:default/alice',
    trustPrincipalArns: [`arn:aws:iam::${ACCOUNT}:user/alice`],
    statements: [
      { actions: ['s3:ListBucket'], resources: [BUCKET] },
      { actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] },
    ],
    // 90 minutes left: sessions may last two hours.
    expiresAt: new Date(Date.now() + 90 * 60_000),
    permissionsBoundaryArn: BOUNDARY,
    ...overrides,
  };
}

function iso(date: Date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function makeFactory(): jest.Mocked<AwsClientFactory> {
  return {
    clientConfig: jest.fn<
      ReturnType<AwsClientFactory['clientConfig']>,
      Parameters<AwsClientFactory['clientConfig']>
    >(async () => ({
      region: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
    })),
  };
}

describe('IamGrantProvisioner', () => {
  // Restored afterwards: the retry tests below need the real `send`.
  let iam: AwsClientStub<IAMClient>;
  beforeAll(() => {
    iam = mockClient(IAMClient);
  });
  afterAll(() => {
    iam.restore();
  });

  let factory: jest.Mocked<AwsClientFactory>;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let provisioner: IamGrantProvisioner;

  beforeEach(() => {
    iam.reset();
    factory = makeFactory();
    logger = mockServices.logger.mock();
    provisioner = new IamGrantProvisioner({
      clientFactory: factory,
      logger,
      installationId: 'https://backstage.example.com',
    });
  });

  describe('createRole', () => {
    it('creates the role with path, boundary, tags, trust policy and session length, in one write', async () => {
      iam.on(CreateRoleCommand).resolves({
        Role: { Arn: ROLE_ARN } as any,
      });
      const spec = makeSpec();

      await expect(provisioner.createRole(spec)).resolves.toEqual({
        roleArn: ROLE_ARN,
      });

      expect(iam).toHaveReceivedCommandTimes(CreateRoleCommand, 1);
      const input = iam.commandCalls(CreateRoleCommand)[0].args[0].input;
      expect({
        ...input,
        AssumeRolePolicyDocument: JSON.parse(input.AssumeRolePolicyDocument!),
      }).toEqual({
        RoleName: 'granted-bucket-g1',
        Path: '/backstage-access/',
        MaxSessionDuration: 7200,
        PermissionsBoundary: BOUNDARY,
        Description: expect.stringContaining('grant g1 for user:default/alice'),
        Tags: [
          { Key: 'backstage-access:grant-id', Value: 'g1' },
          { Key: 'backstage-access:requester', Value: 'user:default/alice' },
          {
            Key: 'backstage-access:expires-at',
            Value: spec.expiresAt.toISOString(),
          },
          {
            Key: 'backstage-access:installation',
            Value: 'https://backstage.example.com',
          },
        ],
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`] },
              Action: 'sts:AssumeRole',
              Condition: {
                DateLessThan: { 'aws:CurrentTime': iso(spec.expiresAt) },
              },
            },
          ],
        },
      });
      expect(factory.clientConfig).toHaveBeenCalledWith(ACCOUNT, 'manage');
      expect(iam.calls()).toHaveLength(1);
    });

    it('refuses plainly when the account has no grant boundary (stack not updated)', async () => {
      iam.on(CreateRoleCommand).rejects(
        new NoSuchEntityException({
          message: `Scope ARN: ${BOUNDARY} does not exist or is not attachable.`,
          ...meta,
        }),
      );
      const result = provisioner.createRole(makeSpec());
      await expect(result).rejects.toThrow(ConflictError);
      await expect(result).rejects.toThrow(
        `account ${ACCOUNT} has no grant boundary ${BOUNDARY}: its onboarding stack must be updated before new grants`,
      );
    });

    it('resumes when the role already exists for the same grant', async () => {
      iam
        .on(CreateRoleCommand)
        .rejects(
          new EntityAlreadyExistsException({ message: 'exists', ...meta }),
        );
      iam.on(GetRoleCommand).resolves({
        Role: {
          ...madeByEngine,
          Tags: [{ Key: 'backstage-access:grant-id', Value: 'g1' }],
        } as any,
      });

      await expect(provisioner.createRole(makeSpec())).resolves.toEqual({
        roleArn: ROLE_ARN,
      });
      expect(iam).toHaveReceivedCommandWith(GetRoleCommand, {
        RoleName: 'granted-bucket-g1',
      });
    });

    it.each([
      [
        'of another grant',
        madeByEngine,
        [{ Key: 'backstage-access:grant-id', Value: 'other' }],
        'belongs to grant other',
      ],
      ['without tags', madeByEngine, [], 'was not created for a grant'],
      [
        'tagged as this grant but without the boundary',
        { Arn: ROLE_ARN, Path: '/backstage-access/' },
        [{ Key: 'backstage-access:grant-id', Value: 'g1' }],
        'but not under /backstage-access/ with the grant boundary',
      ],
      [
        'tagged as this grant but elsewhere',
        { ...madeByEngine, Path: '/' },
        [{ Key: 'backstage-access:grant-id', Value: 'g1' }],
        'but not under /backstage-access/ with the grant boundary',
      ],
    ])(
      'refuses a same-named role %s instead of adopting it',
      async (_what, role, tags, message) => {
        iam
          .on(CreateRoleCommand)
          .rejects(
            new EntityAlreadyExistsException({ message: 'exists', ...meta }),
          );
        iam
          .on(GetRoleCommand)
          .resolves({ Role: { ...role, Tags: tags } as any });

        const result = provisioner.createRole(makeSpec());
        await expect(result).rejects.toThrow(ConflictError);
        await expect(result).rejects.toThrow(message);
      },
    );

    it('turns a trust policy IAM refuses into an InputError', async () => {
      iam.on(CreateRoleCommand).rejects(
        new MalformedPolicyDocumentException({
          message: 'Invalid principal in policy',
          ...meta,
        }),
      );
      await expect(provisioner.createRole(makeSpec())).rejects.toThrow(
        new InputError(
          'trustPrincipalArns: IAM refused the trust policy: Invalid principal in policy',
        ),
      );
    });

    it('refuses an oversized policy before calling AWS', async () => {
      const spec = makeSpec({
        statements: [
          {
            actions: ['s3:GetObject'],
            resources: Array.from(
              { length: 400 },
              (_, i) => `${BUCKET}/prefix-${i}/*`,
            ),
          },
        ],
      });
      await expect(provisioner.createRole(spec)).rejects.toThrow(InputError);
      await expect(provisioner.putRolePolicy(spec)).rejects.toThrow(
        /^actions: the permission policy would be \d+ characters, over IAM's limit of 10240/,
      );
      expect(iam.calls()).toHaveLength(0);
    });

    it.each([
      [30, 3600],
      [60, 3600],
      [61, 7200],
      [11 * 60 + 1, 43200],
      [48 * 60, 43200],
    ])(
      'with %i minutes left allows sessions of %i seconds',
      async (minutes, seconds) => {
        iam.on(CreateRoleCommand).resolves({ Role: { Arn: ROLE_ARN } as any });
        // A little under the full minutes, as time passes before the call.
        const expiresAt = new Date(Date.now() + minutes * 60_000 - 1_000);
        await provisioner.createRole(makeSpec({ expiresAt }));
        expect(iam).toHaveReceivedCommandWith(CreateRoleCommand, {
          MaxSessionDuration: seconds,
        });
      },
    );
  });

  describe('putRolePolicy', () => {
    it('writes the inline policy with the expiry on every statement', async () => {
      iam.on(PutRolePolicyCommand).resolves({});
      const spec = makeSpec();
      await provisioner.putRolePolicy(spec);

      const input = iam.commandCalls(PutRolePolicyCommand)[0].args[0].input;
      expect(input.RoleName).toBe('granted-bucket-g1');
      expect(input.PolicyName).toBe('backstage-access-grant');
      const condition = {
        DateLessThan: { 'aws:CurrentTime': iso(spec.expiresAt) },
      };
      expect(JSON.parse(input.PolicyDocument!)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:ListBucket'],
            Resource: [BUCKET],
            Condition: condition,
          },
          {
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: [`${BUCKET}/*`],
            Condition: condition,
          },
        ],
      });
    });

    it('answers NotFoundError when the role is gone', async () => {
      iam
        .on(PutRolePolicyCommand)
        .rejects(new NoSuchEntityException({ message: 'no role', ...meta }));
      await expect(provisioner.putRolePolicy(makeSpec())).rejects.toThrow(
        NotFoundError,
      );
    });
  });

  describe('updateExpiry', () => {
    it('rewrites both policies, then the session length and expiry tag', async () => {
      iam.on(UpdateAssumeRolePolicyCommand).resolves({});
      iam.on(PutRolePolicyCommand).resolves({});
      iam.on(UpdateRoleCommand).resolves({});
      iam.on(TagRoleCommand).resolves({});
      const expiresAt = new Date(Date.now() + 5 * 3_600_000);
      await provisioner.updateExpiry(makeSpec({ expiresAt }));

      expect(iam.calls().map(call => call.args[0].constructor)).toEqual([
        UpdateAssumeRolePolicyCommand,
        PutRolePolicyCommand,
        UpdateRoleCommand,
        TagRoleCommand,
      ]);
      const trust = iam.commandCalls(UpdateAssumeRolePolicyCommand)[0].args[0]
        .input;
      expect(trust.RoleName).toBe('granted-bucket-g1');
      expect(trust.PolicyDocument).toContain(iso(expiresAt));
      expect(
        iam.commandCalls(PutRolePolicyCommand)[0].args[0].input.PolicyDocument,
      ).toContain(iso(expiresAt));
      expect(iam).toHaveReceivedCommandWith(UpdateRoleCommand, {
        RoleName: 'granted-bucket-g1',
        MaxSessionDuration: 18000,
      });
      expect(iam).toHaveReceivedCommandWith(TagRoleCommand, {
        RoleName: 'granted-bucket-g1',
        Tags: [
          { Key: 'backstage-access:grant-id', Value: 'g1' },
          {
            Key: 'backstage-access:expires-at',
            Value: expiresAt.toISOString(),
          },
        ],
      });
    });

    it('only logs when the cosmetic updates fail', async () => {
      iam.on(UpdateAssumeRolePolicyCommand).resolves({});
      iam.on(PutRolePolicyCommand).resolves({});
      iam.on(UpdateRoleCommand).rejects(new Error('AccessDenied'));
      iam.on(TagRoleCommand).rejects(new Error('AccessDenied'));
      await expect(
        provisioner.updateExpiry(makeSpec()),
      ).resolves.toBeUndefined();
      expect(logger.warn).toHaveBeenCalledTimes(2);
    });

    it('fails without touching the permission policy when the trust update fails', async () => {
      iam
        .on(UpdateAssumeRolePolicyCommand)
        .rejects(new NoSuchEntityException({ message: 'no role', ...meta }));
      await expect(provisioner.updateExpiry(makeSpec())).rejects.toThrow(
        NotFoundError,
      );
      expect(iam).not.toHaveReceivedCommand(PutRolePolicyCommand);
    });
  });

  describe('deleteRolePolicy and deleteRole', () => {
    beforeEach(() => {
      iam.on(GetRoleCommand).resolves({ Role: madeByEngine as any });
    });

    it('delete the policy and the role', async () => {
      iam.on(DeleteRolePolicyCommand).resolves({});
      iam.on(DeleteRoleCommand).resolves({});
      await provisioner.deleteRolePolicy(
        ACCOUNT,
        'granted-bucket-g1',
        'backstage-access-grant',
      );
      await provisioner.deleteRole(ACCOUNT, 'granted-bucket-g1');
      expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, {
        RoleName: 'granted-bucket-g1',
        PolicyName: 'backstage-access-grant',
      });
      expect(iam).toHaveReceivedCommandWith(DeleteRoleCommand, {
        RoleName: 'granted-bucket-g1',
      });
    });

    it('treat NoSuchEntity as already done', async () => {
      const gone = new NoSuchEntityException({ message: 'gone', ...meta });
      iam.on(DeleteRolePolicyCommand).rejects(gone);
      iam.on(DeleteRoleCommand).rejects(gone);
      await expect(
        provisioner.deleteRole(ACCOUNT, 'r'),
      ).resolves.toBeUndefined();
      iam.on(GetRoleCommand).rejects(gone);
      await expect(
        provisioner.deleteRolePolicy(ACCOUNT, 'r', 'p'),
      ).resolves.toBeUndefined();
      await expect(
        provisioner.deleteRole(ACCOUNT, 'r'),
      ).resolves.toBeUndefined();
    });

    it('pass other errors on', async () => {
      iam
        .on(DeleteRolePolicyCommand)
        .rejects(new Error('AccessDenied: not allowed'));
      await expect(
        provisioner.deleteRolePolicy(ACCOUNT, 'r', 'p'),
      ).rejects.toThrow('AccessDenied');
    });

    it.each([
      [
        'with its grant tag',
        [{ Key: 'backstage-access:grant-id', Value: 'g1' }],
      ],
      ['whose tags were removed', []],
      [
        'retagged as someone else’s',
        [{ Key: 'backstage-access:grant-id', Value: 'not-a-grant' }],
      ],
    ])(
      'clear what was added to a grant role %s by hand, then delete it',
      async (_what, tags) => {
        iam
          .on(DeleteRoleCommand)
          .rejectsOnce(
            new DeleteConflictException({ message: 'has policies', ...meta }),
          )
          .resolves({});
        iam.on(ListRoleTagsCommand).resolves({ Tags: tags });
        iam
          .on(ListRolePoliciesCommand)
          .resolves({ PolicyNames: ['hand-made'] });
        iam.on(DeleteRolePolicyCommand).resolves({});
        iam.on(ListAttachedRolePoliciesCommand).resolves({
          AttachedPolicies: [
            { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          ],
        });
        iam.on(DetachRolePolicyCommand).resolves({});
        iam.on(ListInstanceProfilesForRoleCommand).resolves({
          InstanceProfiles: [{ InstanceProfileName: 'keeper' } as any],
        });
        iam.on(RemoveRoleFromInstanceProfileCommand).resolves({});

        await provisioner.deleteRole(ACCOUNT, 'r');

        expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, {
          RoleName: 'r',
          PolicyName: 'hand-made',
        });
        expect(iam).toHaveReceivedCommandWith(DetachRolePolicyCommand, {
          RoleName: 'r',
          PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        });
        expect(iam).toHaveReceivedCommandWith(
          RemoveRoleFromInstanceProfileCommand,
          { RoleName: 'r', InstanceProfileName: 'keeper' },
        );
        expect(iam).toHaveReceivedCommandTimes(DeleteRoleCommand, 2);
        // Never adds anything on the way out.
        expect(iam).not.toHaveReceivedCommand(AddRoleToInstanceProfileCommand);
      },
    );

    it('refuse a role by that name outside the role path: it is not the grant’s', async () => {
      iam
        .on(GetRoleCommand)
        .resolves({ Role: { ...madeByEngine, Path: '/admins/' } as any });
      await expect(provisioner.deleteRole(ACCOUNT, 'r')).rejects.toThrow(
        ConflictError,
      );
      expect(iam).not.toHaveReceivedCommand(DeleteRoleCommand);
      expect(iam).not.toHaveReceivedCommand(ListRolePoliciesCommand);
    });
  });

  describe('listManagedRoles', () => {
    it('lists every page under the role path with each role grant id', async () => {
      const created = new Date('2026-01-01T00:00:00Z');
      iam
        .on(ListRolesCommand, {
          PathPrefix: '/backstage-access/',
          Marker: undefined,
        })
        .resolves({
          Roles: [
            {
              RoleName: 'a-g1',
              Arn: `arn:aws:iam::${ACCOUNT}:role/backstage-access/a-g1`,
              Path: '/backstage-access/',
              CreateDate: created,
            } as any,
          ],
          IsTruncated: true,
          Marker: 'm1',
        })
        .on(ListRolesCommand, {
          PathPrefix: '/backstage-access/',
          Marker: 'm1',
        })
        .resolves({
          Roles: [
            {
              RoleName: 'stray',
              Arn: `arn:aws:iam::${ACCOUNT}:role/backstage-access/stray`,
              Path: '/backstage-access/',
            } as any,
            {
              RoleName: 'vanished',
              Arn: `arn:aws:iam::${ACCOUNT}:role/backstage-access/vanished`,
              Path: '/backstage-access/',
            } as any,
          ],
          IsTruncated: false,
        });
      iam
        .on(ListRoleTagsCommand, { RoleName: 'a-g1' })
        .resolves({
          Tags: [
            { Key: 'backstage-access:grant-id', Value: 'g1' },
            {
              Key: 'backstage-access:installation',
              Value: 'https://backstage.example.com',
            },
          ],
        })
        .on(ListRoleTagsCommand, { RoleName: 'stray' })
        .resolves({ Tags: [{ Key: 'team', Value: 'x' }] })
        .on(ListRoleTagsCommand, { RoleName: 'vanished' })
        .rejects(new NoSuchEntityException({ message: 'gone', ...meta }));

      await expect(provisioner.listManagedRoles(ACCOUNT)).resolves.toEqual([
        {
          accountId: ACCOUNT,
          roleName: 'a-g1',
          roleArn: `arn:aws:iam::${ACCOUNT}:role/backstage-access/a-g1`,
          path: '/backstage-access/',
          grantId: 'g1',
          installationId: 'https://backstage.example.com',
          createdAt: created,
        },
        {
          accountId: ACCOUNT,
          roleName: 'stray',
          roleArn: `arn:aws:iam::${ACCOUNT}:role/backstage-access/stray`,
          path: '/backstage-access/',
          grantId: undefined,
          createdAt: undefined,
        },
      ]);
    });

    it('looks under the configured role path', async () => {
      iam.on(ListRolesCommand).resolves({ Roles: [] });
      const custom = new IamGrantProvisioner({
        clientFactory: factory,
        logger,
        rolePath: '/team/grants/',
      });
      await custom.listManagedRoles(ACCOUNT);
      expect(iam).toHaveReceivedCommandWith(ListRolesCommand, {
        PathPrefix: '/team/grants/',
      });
    });
  });

  describe('putTrustPolicy and detachRolePolicy', () => {
    it('rewrite only the trust policy', async () => {
      iam.on(UpdateAssumeRolePolicyCommand).resolves({});
      const spec = makeSpec();
      await provisioner.putTrustPolicy(spec);
      expect(iam.calls()).toHaveLength(1);
      expect(iam).toHaveReceivedCommandWith(UpdateAssumeRolePolicyCommand, {
        RoleName: 'granted-bucket-g1',
        PolicyDocument: renderGrantPolicies(spec).trustPolicy,
      });
    });

    it('detach a managed policy, and treat one already gone as detached', async () => {
      const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
      iam
        .on(DetachRolePolicyCommand)
        .resolvesOnce({})
        .rejects(new NoSuchEntityException({ message: 'gone', ...meta }));
      await provisioner.detachRolePolicy(ACCOUNT, 'granted-bucket-g1', arn);
      await provisioner.detachRolePolicy(ACCOUNT, 'granted-bucket-g1', arn);
      expect(iam).toHaveReceivedCommandWith(DetachRolePolicyCommand, {
        RoleName: 'granted-bucket-g1',
        PolicyArn: arn,
      });
    });
  });

  describe('getRoleState', () => {
    const { trustPolicy, permissionPolicy } = renderGrantPolicies(makeSpec());
    // IAM returns documents URL-encoded.
    const encoded = (document: string) => encodeURIComponent(document);

    it('reads both policies, decoded, and what else is on the role', async () => {
      iam
        .on(GetRoleCommand, { RoleName: 'granted-bucket-g1' })
        .resolves({
          Role: {
            RoleName: 'granted-bucket-g1',
            AssumeRolePolicyDocument: encoded(trustPolicy),
            PermissionsBoundary: madeByEngine.PermissionsBoundary,
          } as any,
        })
        .on(ListRolePoliciesCommand)
        .resolvesOnce({
          PolicyNames: ['backstage-access-grant'],
          IsTruncated: true,
          Marker: 'm1',
        })
        .resolves({ PolicyNames: ['break-glass'], IsTruncated: false })
        .on(GetRolePolicyCommand, {
          RoleName: 'granted-bucket-g1',
          PolicyName: 'backstage-access-grant',
        })
        .resolves({
          RoleName: 'granted-bucket-g1',
          PolicyName: 'backstage-access-grant',
          PolicyDocument: encoded(permissionPolicy),
        })
        .on(ListAttachedRolePoliciesCommand)
        .resolves({
          AttachedPolicies: [
            { PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          ],
        });

      await expect(
        provisioner.getRoleState(
          ACCOUNT,
          'granted-bucket-g1',
          'backstage-access-grant',
        ),
      ).resolves.toEqual({
        trustPolicy,
        permissionPolicy,
        otherInlinePolicies: ['break-glass'],
        attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        permissionsBoundaryArn: BOUNDARY,
      });
    });

    it('reports a missing grant policy', async () => {
      iam
        .on(GetRoleCommand)
        .resolves({
          Role: { AssumeRolePolicyDocument: encoded(trustPolicy) } as any,
        })
        .on(ListRolePoliciesCommand)
        .resolves({ PolicyNames: [] })
        .on(ListAttachedRolePoliciesCommand)
        .resolves({ AttachedPolicies: [] })
        .on(GetRolePolicyCommand)
        .rejects(new NoSuchEntityException({ message: 'gone', ...meta }));

      await expect(
        provisioner.getRoleState(ACCOUNT, 'r', 'backstage-access-grant'),
      ).resolves.toEqual({
        trustPolicy,
        permissionPolicy: undefined,
        otherInlinePolicies: [],
        attachedPolicyArns: [],
      });
    });

    it('returns undefined for a role deleted meanwhile, and throws other errors', async () => {
      iam
        .on(GetRoleCommand)
        .rejectsOnce(new NoSuchEntityException({ message: 'gone', ...meta }))
        .rejects(new Error('AccessDenied'));
      await expect(
        provisioner.getRoleState(ACCOUNT, 'r', 'backstage-access-grant'),
      ).resolves.toBeUndefined();
      await expect(
        provisioner.getRoleState(ACCOUNT, 'r', 'backstage-access-grant'),
      ).rejects.toThrow('AccessDenied');
    });
  });

  it('creates one client per account and reuses it', async () => {
    iam.on(DeleteRolePolicyCommand).resolves({});
    await provisioner.deleteRolePolicy(ACCOUNT, 'r', 'p');
    await provisioner.deleteRolePolicy(ACCOUNT, 'r2', 'p');
    await provisioner.deleteRolePolicy('210987654321', 'r', 'p');
    expect(factory.clientConfig).toHaveBeenCalledTimes(2);
    expect(iam.calls().map(call => call.thisValue)).toEqual([
      iam.calls()[0].thisValue,
      iam.calls()[0].thisValue,
      expect.anything(),
    ]);
    expect(iam.calls()[2].thisValue).not.toBe(iam.calls()[0].thisValue);
  });

  it('surfaces other IAM failures unchanged', async () => {
    const failure = new ServiceFailureException({ message: 'boom', ...meta });
    iam.on(CreateRoleCommand).rejects(failure);
    await expect(provisioner.createRole(makeSpec())).rejects.toBe(failure);
  });
});

/**
 * Retries happen in the SDK's middleware, which a mocked `send` skips, so
 * they are checked against an IAM endpoint (msw) that throttles.
 */
describe('IamGrantProvisioner retries', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let requests: string[];
  let answers: Array<{ status: number; body: string }>;
  const savedEndpoint = process.env.AWS_ENDPOINT_URL;
  const endpoint = 'http://iam.aws-access.test';

  beforeAll(() => {
    process.env.AWS_ENDPOINT_URL = endpoint;
  });

  afterAll(() => {
    process.env.AWS_ENDPOINT_URL = savedEndpoint;
  });

  beforeEach(() => {
    requests = [];
    server.use(
      http.post(`${endpoint}/`, async ({ request }) => {
        const body = new URLSearchParams(await request.text());
        requests.push(body.get('Action') ?? '');
        const answer = answers.shift() ?? { status: 500, body: '' };
        return new HttpResponse(answer.body, {
          status: answer.status,
          headers: { 'content-type': 'text/xml' },
        });
      }),
    );
  });

  const throttled = {
    status: 400,
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
  };
  const deleted = {
    status: 200,
    body: `<DeleteRolePolicyResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteRolePolicyResponse>`,
  };

  it('retries throttled calls with backoff until they succeed', async () => {
    answers = [throttled, throttled, deleted];
    const provisioner = new IamGrantProvisioner({
      clientFactory: makeFactory(),
      logger: mockServices.logger.mock(),
    });
    await expect(
      provisioner.deleteRolePolicy(ACCOUNT, 'r', 'p'),
    ).resolves.toBeUndefined();
    expect(requests).toEqual([
      'DeleteRolePolicy',
      'DeleteRolePolicy',
      'DeleteRolePolicy',
    ]);
  }, 30_000);

  it('gives up after five attempts', async () => {
    answers = Array.from({ length: 6 }, () => throttled);
    const provisioner = new IamGrantProvisioner({
      clientFactory: makeFactory(),
      logger: mockServices.logger.mock(),
    });
    await expect(
      provisioner.deleteRolePolicy(ACCOUNT, 'r', 'p'),
    ).rejects.toThrow('Rate exceeded');
    expect(requests).toHaveLength(5);
  }, 60_000);
});
