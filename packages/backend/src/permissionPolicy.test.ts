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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  adminPermission,
  grantApprovePermission,
  grantCreatePermission,
  grantReadPermission,
  grantRevokePermission,
} from '@backstage-aws-access/plugin-aws-access-common';
import { AwsAccessDemoPermissionPolicy } from './permissionPolicy';

const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': [
    'user:default/alice',
    'group:default/platform-team',
    'group:default/team-payments',
  ],
  'user:default/guest': ['user:default/guest', 'group:default/team-payments'],
  'user:default/bob': ['user:default/bob', 'group:default/team-data'],
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
  it('allows what it does not restrict, as the allow-all policy did', async () => {
    for (const permission of [
      catalogEntityReadPermission,
      catalogEntityRefreshPermission,
    ]) {
      await expect(policy.handle({ permission }, guest)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  describe('catalog writes that could move whose AWS principal a grant trusts', () => {
    const catalogWrites = [
      ['deleting an entity', catalogEntityDeletePermission],
      ['registering a location', catalogLocationCreatePermission],
      ['removing a location', catalogLocationDeletePermission],
    ] as const;

    it.each(catalogWrites)(
      'refuses %s to a user who is not an admin',
      async (_, permission) => {
        await expect(policy.handle({ permission }, guest)).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
        await expect(policy.handle({ permission })).resolves.toEqual({
          result: AuthorizeResult.DENY,
        });
      },
    );

    it.each(catalogWrites)('allows %s to an admin', async (_, permission) => {
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    });
  });

  describe('scaffolder tasks', () => {
    const taskPermissions = [taskReadPermission, taskCancelPermission];
    const ownTasks = (ref: string) => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-task',
      conditions: {
        rule: 'IS_TASK_OWNER',
        resourceType: 'scaffolder-task',
        params: { createdBy: [ref] },
      },
    });
    const bob = as('user:default/bob');

    it("lets each user read and cancel only the tasks they created, so one user's grant output stays theirs", async () => {
      for (const permission of taskPermissions) {
        await expect(policy.handle({ permission }, guest)).resolves.toEqual(
          ownTasks('user:default/guest'),
        );
        await expect(policy.handle({ permission }, bob)).resolves.toEqual(
          ownTasks('user:default/bob'),
        );
      }
    });

    it('lets admins read and cancel every task', async () => {
      for (const permission of taskPermissions) {
        await expect(policy.handle({ permission }, alice)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });

    it('still lets everyone run templates', async () => {
      await expect(
        policy.handle({ permission: taskCreatePermission }, bob),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });
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
