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
  TAG_EXPIRES_AT,
  TAG_GRANT_ID,
  TAG_REQUESTER,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  MANAGER_ROLE,
  MANAGER_ROLE_NAME,
  READER_ROLE,
  grantBoundaryArn,
  rolePolicyDocument,
} from './accessRoles';
import { POLICY_REWRITES, simulate } from './__testUtils__/iamSimulator';

const account = '123456789012';
const target = {
  partition: 'aws',
  accountId: account,
  rolePath: '/backstage-access/',
};
const managerPolicy = rolePolicyDocument(MANAGER_ROLE, target);
const readerPolicy = rolePolicyDocument(READER_ROLE, target);

const grantRole = `arn:aws:iam::${account}:role/backstage-access/grant-g1`;
const grantTags = {
  [`aws:RequestTag/${TAG_GRANT_ID}`]: 'g1',
  [`aws:RequestTag/${TAG_REQUESTER}`]: 'user:default/guest',
  [`aws:RequestTag/${TAG_EXPIRES_AT}`]: '2030-01-01T00:00:00Z',
  'aws:TagKeys': [TAG_GRANT_ID, TAG_REQUESTER, TAG_EXPIRES_AT],
};
const boundaryArn = grantBoundaryArn('aws', account);
const createsBounded = { ...grantTags, 'iam:PermissionsBoundary': boundaryArn };
const createdByEngine = { [`aws:ResourceTag/${TAG_GRANT_ID}`]: 'g1' };

function decide(
  policy: object,
  action: string,
  resource: string,
  contextVariables: Record<string, string | string[]> = {},
) {
  return simulate({
    accountId: account,
    principal: `arn:aws:iam::${account}:role/${MANAGER_ROLE_NAME}`,
    policy,
    action,
    resource,
    contextVariables,
  });
}

describe('BackstageAccessManager policy (IAM policy simulator)', () => {
  it.each([
    ['iam:CreateRole', createsBounded],
    ['iam:TagRole', grantTags],
    ['iam:PutRolePolicy', createdByEngine],
    ['iam:UpdateAssumeRolePolicy', createdByEngine],
    ['iam:UpdateRole', createdByEngine],
    ['iam:DeleteRolePolicy', createdByEngine],
    ['iam:DeleteRole', createdByEngine],
    ['iam:GetRole', {}],
    ['iam:GetRolePolicy', {}],
    ['iam:ListRolePolicies', {}],
    ['iam:ListAttachedRolePolicies', {}],
    ['iam:ListInstanceProfilesForRole', {}],
    ['iam:ListRoleTags', {}],
  ])('allows %s on a grant role under the role path', async (action, ctx) => {
    await expect(decide(managerPolicy, action, grantRole, ctx)).resolves.toBe(
      'Allowed',
    );
  });

  it('allows listing roles (IAM has no resource type for it) and reading its own version tag', async () => {
    await expect(decide(managerPolicy, 'iam:ListRoles', '*')).resolves.toBe(
      'Allowed',
    );
    await expect(
      decide(
        managerPolicy,
        'iam:GetRole',
        `arn:aws:iam::${account}:role/${MANAGER_ROLE_NAME}`,
      ),
    ).resolves.toBe('Allowed');
  });

  it.each([
    `arn:aws:iam::${account}:role/Admin`,
    `arn:aws:iam::${account}:role/other-path/grant-g1`,
    `arn:aws:iam::${account}:role/backstage-accessx/grant-g1`,
  ])('denies creating a role outside the role path: %s', async role => {
    await expect(
      decide(managerPolicy, 'iam:CreateRole', role, createsBounded),
    ).resolves.toBe('ImplicitlyDenied');
  });

  it('denies creating a role without the grant tag, or with foreign tags', async () => {
    await expect(
      decide(managerPolicy, 'iam:CreateRole', grantRole, {
        'iam:PermissionsBoundary': boundaryArn,
      }),
    ).resolves.toBe('ImplicitlyDenied');
    await expect(
      decide(managerPolicy, 'iam:CreateRole', grantRole, {
        ...createsBounded,
        'aws:TagKeys': [...grantTags['aws:TagKeys'], 'owner'],
      }),
    ).resolves.toBe('ImplicitlyDenied');
  });

  it('denies creating a grant role without the grant boundary, or with another boundary', async () => {
    await expect(
      decide(managerPolicy, 'iam:CreateRole', grantRole, grantTags),
    ).resolves.toBe('ExplicitlyDenied');
    for (const other of [
      'arn:aws:iam::aws:policy/AdministratorAccess',
      `arn:aws:iam::${account}:policy/BackstageAccessGrantBoundary`,
      grantBoundaryArn('aws', '210987654321'),
    ]) {
      await expect(
        decide(managerPolicy, 'iam:CreateRole', grantRole, {
          ...grantTags,
          'iam:PermissionsBoundary': other,
        }),
      ).resolves.toBe('ExplicitlyDenied');
    }
  });

  it.each([
    'iam:PutRolePermissionsBoundary',
    'iam:DeleteRolePermissionsBoundary',
  ])(
    'denies %s: the manager cannot take the boundary off a grant role',
    async action => {
      await expect(
        decide(managerPolicy, action, grantRole, {
          ...createdByEngine,
          'iam:PermissionsBoundary': boundaryArn,
        }),
      ).resolves.toBe('ExplicitlyDenied');
    },
  );

  it.each(POLICY_REWRITES)(
    'denies %s on the grant boundary policy',
    async action => {
      await expect(decide(managerPolicy, action, boundaryArn)).resolves.toBe(
        'ExplicitlyDenied',
      );
    },
  );

  it.each(['iam:DeleteRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRole'])(
    'allows %s on a grant role whose grant tag was removed, so revoke still removes it',
    async action => {
      await expect(decide(managerPolicy, action, grantRole)).resolves.toBe(
        'Allowed',
      );
    },
  );

  it('allows taking a grant role out of an instance profile, and only that', async () => {
    const profile = `arn:aws:iam::${account}:instance-profile/someone-added-it`;
    await expect(
      decide(managerPolicy, 'iam:RemoveRoleFromInstanceProfile', profile),
    ).resolves.toBe('Allowed');
    for (const action of [
      'iam:AddRoleToInstanceProfile',
      'iam:DeleteInstanceProfile',
    ]) {
      await expect(decide(managerPolicy, action, profile)).resolves.toBe(
        'ImplicitlyDenied',
      );
    }
  });

  it.each([
    'iam:PutRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:UpdateRole',
  ])(
    'denies %s, which gives rights, on a role it did not create (no grant tag)',
    async action => {
      await expect(decide(managerPolicy, action, grantRole)).resolves.toBe(
        'ImplicitlyDenied',
      );
    },
  );

  it.each([
    'iam:PutRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:UpdateRole',
    'iam:DeleteRolePolicy',
    'iam:DetachRolePolicy',
    'iam:DeleteRole',
  ])('denies %s on a role outside the role path', async action => {
    // A role elsewhere is out of reach even if someone tags it as a grant.
    await expect(
      decide(
        managerPolicy,
        action,
        `arn:aws:iam::${account}:role/Admin`,
        createdByEngine,
      ),
    ).resolves.toBe('ImplicitlyDenied');
  });

  it.each([
    'iam:AttachRolePolicy',
    'iam:PassRole',
    'iam:PutRolePermissionsBoundary',
    'iam:UntagRole',
  ])('explicitly denies %s on a grant role', async action => {
    await expect(
      decide(managerPolicy, action, grantRole, createdByEngine),
    ).resolves.toBe('ExplicitlyDenied');
  });

  it('explicitly denies creating managed policies', async () => {
    await expect(
      decide(
        managerPolicy,
        'iam:CreatePolicy',
        `arn:aws:iam::${account}:policy/anything`,
      ),
    ).resolves.toBe('ExplicitlyDenied');
  });

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::bucket/key'],
    ['ec2:RunInstances', `arn:aws:ec2:us-east-1:${account}:instance/i-1`],
    ['sts:AssumeRole', grantRole],
    ['iam:CreateUser', `arn:aws:iam::${account}:user/someone`],
    ['iam:CreateAccessKey', `arn:aws:iam::${account}:user/someone`],
  ])('denies %s (outside what the engine needs)', async (action, resource) => {
    await expect(decide(managerPolicy, action, resource)).resolves.toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('BackstageAccessReader policy (IAM policy simulator)', () => {
  it.each(READER_ROLE.rules.flatMap(rule => rule.actions))(
    'allows %s for discovery',
    async action => {
      await expect(decide(readerPolicy, action, '*')).resolves.toBe('Allowed');
    },
  );

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::bucket/key'],
    ['s3:PutBucketTagging', 'arn:aws:s3:::bucket'],
    ['kms:Decrypt', `arn:aws:kms:us-east-1:${account}:key/k1`],
    ['dynamodb:GetItem', `arn:aws:dynamodb:us-east-1:${account}:table/t`],
    ['iam:CreateRole', grantRole],
  ])('denies %s (it reads metadata, never data)', async (action, resource) => {
    await expect(decide(readerPolicy, action, resource)).resolves.toBe(
      'ImplicitlyDenied',
    );
  });
});
