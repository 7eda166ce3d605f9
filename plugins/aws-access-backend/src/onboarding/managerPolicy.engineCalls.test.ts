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
  DeleteConflictException,
  DeleteRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { mockServices } from '@backstage/backend-test-utils';
import { TAG_GRANT_ID } from '@backstage-aws-access/plugin-aws-access-common';
import { mockClient } from 'aws-sdk-client-mock';
import { IamGrantProvisioner } from '../provisioning/IamGrantProvisioner';
import type { GrantRoleSpec } from '@backstage-aws-access/plugin-aws-access-node';
import {
  MANAGER_ROLE,
  MANAGER_ROLE_NAME,
  grantBoundaryArn,
  rolePolicyDocument,
} from './accessRoles';
import { simulate } from './__testUtils__/iamSimulator';

const account = '123456789012';
const rolePath = '/backstage-access/';
const iam = mockClient(IAMClient);

const spec: GrantRoleSpec = {
  grantId: 'g1',
  accountId: account,
  roleName: 'bucket-g1',
  policyName: 'backstage-access-grant',
  rolePath,
  requester: 'user:default/guest',
  trustPrincipalArns: [`arn:aws:iam::${account}:user/guest`],
  statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }],
  expiresAt: new Date(Date.now() + 3_600_000),
  permissionsBoundaryArn: grantBoundaryArn('aws', account),
};
const roleArn = `arn:aws:iam::${account}:role${rolePath}${spec.roleName}`;
const grantTag = { Key: TAG_GRANT_ID, Value: spec.grantId };
const instanceProfile = `arn:aws:iam::${account}:instance-profile/added-by-hand`;

/** What IAM authorizes each call against. */
function resourceOf(action: string): string {
  if (action === 'iam:ListRoles') return '*';
  if (action === 'iam:RemoveRoleFromInstanceProfile') return instanceProfile;
  return roleArn;
}

/** Every IAM call the real provisioner makes over a grant's whole life. */
async function recordEngineCalls() {
  iam.reset();
  const role = {
    RoleName: spec.roleName,
    RoleId: 'r',
    Path: rolePath,
    Arn: roleArn,
    CreateDate: new Date(),
    Tags: [grantTag],
    PermissionsBoundary: {
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const,
      PermissionsBoundaryArn: spec.permissionsBoundaryArn,
    },
  };
  iam.on(CreateRoleCommand).resolves({ Role: role });
  iam.on(GetRoleCommand).resolves({ Role: role });
  iam.on(ListRoleTagsCommand).resolves({ Tags: [grantTag] });
  iam.on(ListRolesCommand).resolves({ Roles: [role] });
  iam.on(GetRolePolicyCommand).resolves({ PolicyDocument: '{}' });
  iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['added-by-hand'] });
  iam.on(ListAttachedRolePoliciesCommand).resolves({
    AttachedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
  });
  iam.on(ListInstanceProfilesForRoleCommand).resolves({
    InstanceProfiles: [
      {
        InstanceProfileName: 'added-by-hand',
        Arn: instanceProfile,
        Path: '/',
        InstanceProfileId: 'ip',
        CreateDate: new Date(),
        Roles: [],
      },
    ],
  });
  // Someone attached things by hand (and untagged the role: revoke does not
  // care): the first DeleteRole conflicts and the engine clears the role
  // first (policies, managed policies, instance profiles).
  iam
    .on(DeleteRoleCommand)
    .rejectsOnce(
      new DeleteConflictException({
        message: 'must remove policies first',
        $metadata: {},
      }),
    )
    .resolves({});
  const provisioner = new IamGrantProvisioner({
    clientFactory: {
      clientConfig: async () => ({
        region: 'us-east-1',
        credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      }),
    },
    logger: mockServices.logger.mock(),
    rolePath,
  });
  await provisioner.createRole(spec);
  await provisioner.putRolePolicy(spec);
  await provisioner.updateExpiry({
    ...spec,
    expiresAt: new Date(Date.now() + 7_200_000),
  });
  await provisioner.listManagedRoles(account);
  // The reconciler finds drift and puts the role back.
  await provisioner.getRoleState(account, spec.roleName, spec.policyName);
  await provisioner.putTrustPolicy(spec);
  await provisioner.detachRolePolicy(
    account,
    spec.roleName,
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
  );
  await provisioner.deleteRolePolicy(account, spec.roleName, spec.policyName);
  await provisioner.deleteRole(account, spec.roleName);
  return iam.calls().map(call => {
    const command = call.args[0] as { input: Record<string, any> };
    return {
      action: `iam:${command.constructor.name.replace(/Command$/, '')}`,
      input: command.input,
    };
  });
}

describe('BackstageAccessManager and the calls the grant engine really makes', () => {
  it('allows every IAM call of a grant’s life, as the manager, on the grant role', async () => {
    const calls = await recordEngineCalls();
    const actions = new Set(calls.map(c => c.action));
    // The life of a grant covers create, extend, reconcile and revoke.
    expect([...actions]).toEqual(
      expect.arrayContaining([
        'iam:CreateRole',
        'iam:PutRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:TagRole',
        'iam:ListRoleTags',
        'iam:DetachRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:DeleteRole',
        'iam:ListRoles',
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:RemoveRoleFromInstanceProfile',
      ]),
    );

    const policy = rolePolicyDocument(MANAGER_ROLE, {
      partition: 'aws',
      accountId: account,
      rolePath,
    });
    const decisions: string[] = [];
    for (const { action, input } of calls) {
      const tags: { Key: string; Value: string }[] | undefined = input.Tags;
      const contextVariables: Record<string, string | string[]> = tags
        ? {
            ...Object.fromEntries(
              tags.map(t => [`aws:RequestTag/${t.Key}`, t.Value]),
            ),
            'aws:TagKeys': tags.map(t => t.Key),
          }
        : {};
      if (action === 'iam:CreateRole') {
        contextVariables['iam:PermissionsBoundary'] = input.PermissionsBoundary;
      }
      // What removes a role must work whatever its tags say now; what gives
      // rights acts on the role the engine created and tagged.
      const removes = [
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:DeleteRole',
        'iam:RemoveRoleFromInstanceProfile',
      ].includes(action);
      if (
        !removes &&
        action !== 'iam:CreateRole' &&
        action !== 'iam:ListRoles'
      ) {
        contextVariables[`aws:ResourceTag/${TAG_GRANT_ID}`] = spec.grantId;
      }
      const decision = await simulate({
        accountId: account,
        principal: `arn:aws:iam::${account}:role/${MANAGER_ROLE_NAME}`,
        policy,
        action,
        resource: resourceOf(action),
        contextVariables,
      });
      decisions.push(`${action} ${decision}`);
    }
    expect(decisions).toEqual(calls.map(c => `${c.action} Allowed`));
  });
});
