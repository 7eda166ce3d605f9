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
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { mockClient } from 'aws-sdk-client-mock';
import type { AccountConfig } from '@backstage-aws-access/plugin-aws-access-node';
import type {
  AwsClientFactory,
  AwsPurpose,
} from '@backstage-aws-access/plugin-aws-access-node';
import {
  BOUNDARY_TEMPLATE_VERSION,
  MANAGER_ROLE_NAME,
  TAG_TEMPLATE_VERSION,
  TEMPLATE_VERSION,
} from './accessRoles';
import { AccountStatusChecker } from './AccountStatusChecker';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);

const account: AccountConfig = {
  accountId: '123456789012',
  name: 'sandbox',
  regions: ['us-east-1'],
  managerRoleArn: `arn:aws:iam::123456789012:role/${MANAGER_ROLE_NAME}`,
  trustPrincipalArns: [],
};

function makeChecker(clientFactory?: AwsClientFactory) {
  const purposes: AwsPurpose[] = [];
  const factory: AwsClientFactory = clientFactory ?? {
    async clientConfig(_accountId, purpose) {
      purposes.push(purpose);
      return {
        region: 'us-east-1',
        credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      };
    },
  };
  const checker = new AccountStatusChecker({
    accounts: [account],
    rolePath: '/backstage-access/',
    clientFactory: factory,
    logger: mockServices.logger.mock(),
  });
  return { checker, purposes };
}

function deployedVersion(version: string | undefined) {
  iam.on(GetRoleCommand, { RoleName: MANAGER_ROLE_NAME }).resolves({
    Role: {
      RoleName: MANAGER_ROLE_NAME,
      Path: '/',
      Arn: account.managerRoleArn!,
      RoleId: 'r',
      CreateDate: new Date(),
      Tags:
        version === undefined
          ? []
          : [{ Key: TAG_TEMPLATE_VERSION, Value: version }],
    },
  });
}

describe('AccountStatusChecker', () => {
  beforeEach(() => {
    iam.reset();
    s3.reset();
    iam.on(ListRolesCommand).resolves({ Roles: [] });
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
  });

  it('is unknown before the first check', () => {
    const { checker } = makeChecker();
    expect(checker.getStatus(account.accountId)).toEqual({
      accountId: account.accountId,
      status: 'unknown',
      updateAvailable: false,
    });
  });

  it('reports connected when both roles answer, and uses each role for its call', async () => {
    deployedVersion(String(TEMPLATE_VERSION));
    const { checker, purposes } = makeChecker();
    await checker.refresh();
    expect(checker.getStatus(account.accountId)).toMatchObject({
      status: 'connected',
      templateVersion: TEMPLATE_VERSION,
      updateAvailable: false,
    });
    expect(purposes.sort()).toEqual(['manage', 'read']);
    expect(iam.commandCalls(ListRolesCommand)[0].args[0].input).toEqual({
      PathPrefix: '/backstage-access/',
      MaxItems: 1,
    });
  });

  it('describes an account for GET /accounts with its last status', async () => {
    deployedVersion(String(TEMPLATE_VERSION - 1));
    const { checker } = makeChecker();
    expect(checker.describeAccount(account)).toEqual({
      accountId: account.accountId,
      name: 'sandbox',
      regions: ['us-east-1'],
      status: 'unknown',
      updateAvailable: false,
    });
    await checker.refresh();
    expect(checker.describeAccount(account)).toEqual({
      accountId: account.accountId,
      name: 'sandbox',
      regions: ['us-east-1'],
      status: 'outdated',
      statusMessage: expect.stringContaining(
        'predates the BackstageAccessGrantBoundary permissions boundary',
      ),
      templateVersion: TEMPLATE_VERSION - 1,
      updateAvailable: true,
      checkedAt: expect.any(String),
    });
  });

  it('shows "update needed" (outdated) when the stack predates the grant boundary, or is untagged', async () => {
    deployedVersion(String(BOUNDARY_TEMPLATE_VERSION - 1));
    const { checker } = makeChecker();
    await expect(
      checker.checkAccount(account.accountId),
    ).resolves.toMatchObject({ status: 'outdated', updateAvailable: true });
    deployedVersion(undefined);
    await expect(
      checker.checkAccount(account.accountId),
    ).resolves.toMatchObject({
      status: 'outdated',
      templateVersion: 0,
      updateAvailable: true,
    });
  });

  it('refuses new grants in an account whose stack predates the boundary, with a plain message', async () => {
    const { checker } = makeChecker();
    // Not checked yet: CreateRole itself fails if the boundary is missing.
    expect(() => checker.assertGrantable(account.accountId)).not.toThrow();

    deployedVersion(String(BOUNDARY_TEMPLATE_VERSION - 1));
    await checker.refresh();
    expect(() => checker.assertGrantable(account.accountId)).toThrow(
      ConflictError,
    );
    expect(() => checker.assertGrantable(account.accountId)).toThrow(
      "account 123456789012's onboarding stack must be updated before new grants",
    );

    // Once the stack is updated, the next check lets grants through again.
    deployedVersion(String(TEMPLATE_VERSION));
    await checker.refresh();
    expect(() => checker.assertGrantable(account.accountId)).not.toThrow();
  });

  it('reports an error naming the role that failed', async () => {
    deployedVersion(String(TEMPLATE_VERSION));
    const denied = Object.assign(new Error('not authorized to ListRoles'), {
      name: 'AccessDenied',
    });
    iam.on(ListRolesCommand).rejects(denied);
    const { checker } = makeChecker();
    const result = await checker.checkAccount(account.accountId);
    expect(result.status).toBe('error');
    expect(result.statusMessage).toBe(
      'manager role: AccessDenied: not authorized to ListRoles',
    );
  });

  it('reports an error when a role cannot be assumed', async () => {
    const { checker } = makeChecker({
      async clientConfig(_accountId, purpose) {
        if (purpose === 'read') {
          throw new Error('AssumeRole failed: the role does not trust you');
        }
        return {
          region: 'us-east-1',
          credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
        };
      },
    });
    deployedVersion(String(TEMPLATE_VERSION));
    const result = await checker.checkAccount(account.accountId);
    expect(result).toMatchObject({
      status: 'error',
      statusMessage:
        'reader role: AssumeRole failed: the role does not trust you',
      updateAvailable: false,
    });
  });

  it('schedules a local refresh task', async () => {
    const scheduler = mockServices.scheduler.mock();
    const { checker } = makeChecker();
    await checker.start(scheduler);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'aws-access-account-status',
        scope: 'local',
      }),
    );
  });
});
