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
  GRANT_BOUNDARY,
  MANAGER_ROLE_NAME,
  READER_ROLE_NAME,
  grantBoundaryArn,
  rolePolicyDocument,
} from './accessRoles';
import { POLICY_REWRITES, simulate } from './__testUtils__/iamSimulator';

/**
 * moto evaluates neither conditions nor permissions boundaries, so what the
 * grant boundary guarantees is proven here, with IAM's evaluation logic:
 * a grant role whose own inline policy allows `*` on `*` is still denied
 * every way to escalate, to outlive its grant or to take over Backstage's
 * control of grants.
 */

const account = '123456789012';
const rolePath = '/backstage-access/';
const role = (name: string) => `arn:aws:iam::${account}:role${name}`;
const boundary = rolePolicyDocument(GRANT_BOUNDARY, {
  partition: 'aws',
  accountId: account,
  rolePath,
});
const boundaryArn = grantBoundaryArn('aws', account);

const self = role(`${rolePath}sandbox-payments-0f8fad5bd9cb`);
const otherGrant = role(`${rolePath}prod-ledger-7c9e6679f7fb`);
const manager = role(`/${MANAGER_ROLE_NAME}`);
const reader = role(`/${READER_ROLE_NAME}`);

/** What a grant with `*` on `*` would write as its inline policy. */
const adminInline = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

function asGrantRole(
  action: string,
  resource: string,
  contextVariables: Record<string, string | string[]> = {},
  options: { withBoundary?: boolean } = {},
) {
  return simulate({
    accountId: account,
    principal: `arn:aws:sts::${account}:assumed-role/sandbox-payments-0f8fad5bd9cb/alice`,
    policy: adminInline,
    ...(options.withBoundary !== false && {
      boundary: { name: GRANT_BOUNDARY.name, policy: boundary },
    }),
    action,
    resource,
    contextVariables,
  });
}

const escalations = [
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:DeleteRole',
  'iam:PassRole',
  'sts:AssumeRole',
  'sts:TagSession',
];
const targets: Array<[string, string]> = [
  ['its own role', self],
  ['another grant role', otherGrant],
  [MANAGER_ROLE_NAME, manager],
  [READER_ROLE_NAME, reader],
];

describe('the grant boundary on a grant role whose inline policy allows *:* (IAM policy simulator)', () => {
  it('is what makes the difference: without it, the same role could rewrite itself', async () => {
    // Guards the cases below against passing for the wrong reason.
    await expect(
      asGrantRole('iam:PutRolePolicy', self, {}, { withBoundary: false }),
    ).resolves.toBe('Allowed');
    await expect(
      asGrantRole('iam:UntagRole', self, {}, { withBoundary: false }),
    ).resolves.toBe('Allowed');
  });

  it.each(
    targets.flatMap(([what, arn]) =>
      escalations.map(action => [action, what, arn] as const),
    ),
  )('denies %s on %s', async (action, _what, arn) => {
    await expect(asGrantRole(action, arn)).resolves.toBe('ExplicitlyDenied');
  });

  it.each(POLICY_REWRITES)(
    'denies %s on the boundary policy itself',
    async action => {
      await expect(asGrantRole(action, boundaryArn)).resolves.toBe(
        'ExplicitlyDenied',
      );
    },
  );

  it('denies creating a role under the managed path, even with the boundary', async () => {
    await expect(
      asGrantRole('iam:CreateRole', role(`${rolePath}looks-like-a-grant`), {
        'iam:PermissionsBoundary': boundaryArn,
      }),
    ).resolves.toBe('ExplicitlyDenied');
  });

  it('lets roles it creates elsewhere exist only under the same boundary', async () => {
    const elsewhere = role('/app/deployer');
    await expect(asGrantRole('iam:CreateRole', elsewhere)).resolves.toBe(
      'ExplicitlyDenied',
    );
    await expect(
      asGrantRole('iam:CreateRole', elsewhere, {
        'iam:PermissionsBoundary': `arn:aws:iam::${account}:policy/AdministratorAccess`,
      }),
    ).resolves.toBe('ExplicitlyDenied');
    await expect(
      asGrantRole('iam:CreateRole', elsewhere, {
        'iam:PermissionsBoundary': boundaryArn,
      }),
    ).resolves.toBe('Allowed');
    // ... and the boundary cannot be taken off again.
    await expect(
      asGrantRole('iam:DeleteRolePermissionsBoundary', elsewhere),
    ).resolves.toBe('ExplicitlyDenied');
  });

  it.each([
    ['iam:CreateUser', `arn:aws:iam::${account}:user/backdoor`],
    ['iam:CreateAccessKey', `arn:aws:iam::${account}:user/existing`],
    ['iam:UpdateAccessKey', `arn:aws:iam::${account}:user/existing`],
    ['iam:CreateLoginProfile', `arn:aws:iam::${account}:user/existing`],
    [
      'iam:CreateOpenIDConnectProvider',
      `arn:aws:iam::${account}:oidc-provider/evil.example.com`,
    ],
    ['iam:CreateSAMLProvider', `arn:aws:iam::${account}:saml-provider/evil`],
  ])(
    'denies %s: no credentials that outlive the grant',
    async (action, resource) => {
      await expect(asGrantRole(action, resource)).resolves.toBe(
        'ExplicitlyDenied',
      );
    },
  );

  it.each([
    ['s3:GetObject', 'arn:aws:s3:::sandbox-payments-invoices/2026/01.pdf'],
    ['s3:PutObject', 'arn:aws:s3:::sandbox-payments-invoices/upload.csv'],
    ['ec2:DescribeInstances', '*'],
    ['iam:GetRole', self],
    ['iam:PutRolePolicy', role('/app/deployer')],
  ])(
    'still allows %s: the boundary caps, the grant grants',
    async (action, resource) => {
      await expect(asGrantRole(action, resource)).resolves.toBe('Allowed');
    },
  );
});
