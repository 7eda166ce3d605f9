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

import { renderGrantPolicies } from './policies';
import { describeRoleDrift, findRoleDrift } from './roleDrift';
import { GrantRoleState } from '@backstage-aws-access/plugin-aws-access-node';

const expected = renderGrantPolicies({
  trustPrincipalArns: ['arn:aws:iam::123456789012:user/alice'],
  statements: [
    { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] },
  ],
  expiresAt: new Date('2030-01-01T00:00:00Z'),
});

const asProvisioned: GrantRoleState = {
  trustPolicy: expected.trustPolicy,
  permissionPolicy: expected.permissionPolicy,
  otherInlinePolicies: [],
  attachedPolicyArns: [],
};

describe('findRoleDrift', () => {
  it('finds none in a role as the engine provisioned it', () => {
    expect(findRoleDrift(expected, asProvisioned)).toBeUndefined();
  });

  it('reports every difference at once, and describes it', () => {
    const drift = findRoleDrift(expected, {
      trustPolicy: expected.trustPolicy.replace('user/alice', 'root'),
      permissionPolicy: undefined,
      otherInlinePolicies: ['zz-extra', 'break-glass'],
      attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    expect(drift).toEqual({
      permissionPolicy: 'missing',
      trustPolicy: 'changed',
      extraInlinePolicies: ['break-glass', 'zz-extra'],
      attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    expect(describeRoleDrift(drift!)).toBe(
      'the permission policy was deleted; the trust policy was changed; inline policies break-glass, zz-extra added; managed policy arn:aws:iam::aws:policy/AdministratorAccess attached',
    );
  });

  it('reports an edited permission policy as changed', () => {
    const drift = findRoleDrift(expected, {
      ...asProvisioned,
      permissionPolicy: expected.permissionPolicy.replace(
        's3:GetObject',
        's3:*',
      ),
    });
    expect(drift).toEqual({
      permissionPolicy: 'changed',
      extraInlinePolicies: [],
      attachedPolicyArns: [],
    });
  });
});
