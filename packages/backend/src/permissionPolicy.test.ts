import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  adminPermission,
  grantApprovePermission,
  grantCreatePermission,
  grantReadPermission,
  grantRevokePermission,
} from 'backstage-plugin-aws-access-common';
import { AwsAccessDemoPermissionPolicy } from './permissionPolicy';

const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': [
    'user:default/alice',
    'group:default/platform-team',
    'group:default/team-payments',
  ],
  'user:default/guest': ['user:default/guest', 'group:default/team-payments'],
};

const userInfo = mockServices.userInfo.mock({
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: OWNERSHIP[ref] };
  },
});

const policy = new AwsAccessDemoPermissionPolicy(userInfo);

const as = (ref: string) =>
  ({ credentials: mockCredentials.user(ref) } as PolicyQueryUser);
const guest = as('user:default/guest');
const alice = as('user:default/alice');

describe('AwsAccessDemoPermissionPolicy', () => {
  it('allows everything outside aws-access, as the allow-all policy did', async () => {
    const catalogDelete = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
    });
    await expect(
      policy.handle({ permission: catalogDelete }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets every signed-in user request access, but not administer', async () => {
    await expect(
      policy.handle({ permission: grantCreatePermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: adminPermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  const claims = ['user:default/guest', 'group:default/team-payments'];
  const requester = {
    rule: 'IS_REQUESTER',
    resourceType: 'aws-access-grant',
    params: { claims: ['user:default/guest'] },
  };
  const owner = {
    rule: 'IS_RESOURCE_OWNER',
    resourceType: 'aws-access-grant',
    params: { claims },
  };
  const approver = {
    rule: 'IS_APPROVER',
    resourceType: 'aws-access-grant',
    params: { claims },
  };
  const conditional = (conditions: object) => ({
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'aws-access',
    resourceType: 'aws-access-grant',
    conditions,
  });

  it('limits read to the requester, the resource owners and the approvers', async () => {
    await expect(
      policy.handle({ permission: grantReadPermission }, guest),
    ).resolves.toEqual(conditional({ anyOf: [requester, owner, approver] }));
  });

  it('limits revoke to the requester and the resource owners', async () => {
    await expect(
      policy.handle({ permission: grantRevokePermission }, guest),
    ).resolves.toEqual(conditional({ anyOf: [requester, owner] }));
  });

  it('lets resource owners and the approver groups approve', async () => {
    await expect(
      policy.handle({ permission: grantApprovePermission }, guest),
    ).resolves.toEqual(conditional({ anyOf: [owner, approver] }));
  });

  it('allows the platform team everything', async () => {
    for (const permission of [
      adminPermission,
      grantReadPermission,
      grantRevokePermission,
      grantApprovePermission,
    ]) {
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('denies aws-access to callers that are not users', async () => {
    await expect(
      policy.handle({ permission: grantReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
