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

import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import {
  isAssumedRoleArn,
  isIamRoleArn,
  isIamUserArn,
} from '@cloud-copilot/iam-utils';
import { AccountConfig } from '@backstage-aws-access/plugin-aws-access-node';
import { principalProblem, PrincipalResolver } from './PrincipalResolver';

const user = (name: string, principals?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    annotations: principals
      ? { 'aws.amazon.com/principal-arn': principals }
      : undefined,
  },
  spec: {},
});

const account = (accountId: string, trust: string[] = []): AccountConfig => ({
  accountId,
  name: accountId,
  regions: ['us-east-1'],
  trustPrincipalArns: trust,
});

const ALLOWED = ['111111111111', '222222222222', '333333333333'];

function resolver(
  options: { allowFallback?: boolean; failCatalog?: boolean } = {},
) {
  const catalog = catalogServiceMock({
    entities: [
      user(
        'dana',
        'arn:aws:iam::111111111111:user/dana, arn:aws:iam::222222222222:role/dana-sso',
      ),
      user('erin', 'arn:aws:iam::111111111111:user/erin'),
      user('frank'),
      user(
        'sso',
        'arn:aws:sts::222222222222:assumed-role/DeveloperSSO/sso@example.com',
      ),
      user(
        'mallory',
        'arn:aws:iam::222222222222:root, arn:aws:iam::*:user/x, arn:aws:iam::999999999999:user/m, arn:aws-cn:iam::222222222222:user/m, arn:aws:iam::222222222222:group/devs',
      ),
      user(
        'mixed',
        'arn:aws:iam::222222222222:root arn:aws:iam::222222222222:user/mixed',
      ),
    ],
  });
  if (options.failCatalog) {
    jest.spyOn(catalog, 'getEntityByRef').mockRejectedValue(new Error('down'));
  }
  return new PrincipalResolver({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    policy: {
      allowedAccountIds: () => ALLOWED,
      allowFallback: () => options.allowFallback ?? false,
    },
  });
}

/** The default resolver's answer for the user in the account. */
const resolveIn = (userRef: string, accountId: string) =>
  resolver().resolve(userRef, account(accountId));

describe('PrincipalResolver', () => {
  it('trusts only the principal in the target account when the user has one there, and warns that a role is shared', async () => {
    const result = await resolveIn('user:default/dana', '222222222222');
    expect(result.principalArns).toEqual([
      'arn:aws:iam::222222222222:role/dana-sso',
    ]);
    expect(result.source).toBe('annotation');
    expect(result.warnings.join()).toMatch(/everyone who can assume it/);
  });

  it("trusts the user's identity-account principal across accounts, never the account fallback", async () => {
    const result = await resolver({ allowFallback: true }).resolve(
      'user:default/erin',
      account('333333333333', ['arn:aws:iam::333333333333:role/Everyone']),
    );
    expect(result.principalArns).toEqual([
      'arn:aws:iam::111111111111:user/erin',
    ]);
  });

  it('binds a shared SSO role to one person through a role-session ARN', async () => {
    const result = await resolveIn('user:default/sso', '222222222222');
    expect(result).toEqual({
      principalArns: [
        'arn:aws:sts::222222222222:assumed-role/DeveloperSSO/sso@example.com',
      ],
      source: 'annotation',
      warnings: [],
    });
  });

  it('refuses roots, wildcards, foreign accounts, other partitions and groups, with a 403 naming each', async () => {
    const attempt = resolveIn('user:default/mallory', '222222222222');
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      /no AWS principal is known for you.*root: an account root.*wildcards.*999999999999 is not one principals may come from.*partition aws-cn.*group\/devs: not a user/,
    );
  });

  it('drops a bad principal but keeps the good one beside it', async () => {
    const result = await resolveIn('user:default/mixed', '222222222222');
    expect(result.principalArns).toEqual([
      'arn:aws:iam::222222222222:user/mixed',
    ]);
  });

  it('never falls back when the user entity is missing: deleting an entity must not move the trust', async () => {
    const attempt = resolver({ allowFallback: true }).resolve(
      'user:default/deleted',
      account('333333333333', ['arn:aws:iam::333333333333:role/Devs']),
    );
    await expect(attempt).rejects.toThrow(NotAllowedError);
    await expect(attempt).rejects.toThrow(
      /no AWS principal is known for you: user:default\/deleted is not in the catalog/,
    );
  });

  it('never falls back when the catalog cannot be read, and says to retry (503)', async () => {
    const attempt = resolver({
      allowFallback: true,
      failCatalog: true,
    }).resolve(
      'user:default/frank',
      account('333333333333', ['arn:aws:iam::333333333333:role/Devs']),
    );
    await expect(attempt).rejects.toThrow(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(/could not be read/);
  });

  it('uses the account fallback only when opted in, and says so', async () => {
    const fallback = account('333333333333', [
      'arn:aws:iam::333333333333:role/Devs',
    ]);
    await expect(
      resolver().resolve('user:default/frank', fallback),
    ).rejects.toThrow(
      /ask an administrator to annotate user:default\/frank with aws\.amazon\.com\/principal-arn/,
    );
    await expect(
      resolver({ allowFallback: true }).resolve('user:default/frank', fallback),
    ).resolves.toMatchObject({
      principalArns: ['arn:aws:iam::333333333333:role/Devs'],
      source: 'fallback',
    });
  });

  describe('principalProblem agrees with @cloud-copilot/iam-utils (test-only oracle)', () => {
    it.each([
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:iam::111111111111:user/path/alice',
      'arn:aws:iam::111111111111:role/DeveloperSSO',
      'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123',
      'arn:aws:sts::111111111111:assumed-role/DeveloperSSO/alice@example.com',
      'arn:aws:iam::111111111111:group/devs',
      'arn:aws:iam::111111111111:root',
      'arn:aws:sts::111111111111:federated-user/alice',
      'arn:aws:iam::111111111111:policy/x',
    ])('%s', arn => {
      const oracle =
        isIamUserArn(arn) || isIamRoleArn(arn) || isAssumedRoleArn(arn);
      expect(principalProblem(arn, 'aws', ['111111111111']) === undefined).toBe(
        oracle,
      );
    });
  });
});
