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

import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { Config, ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { JsonObject } from '@backstage/types';
import { parseArn } from '@backstage-aws-access/plugin-aws-access-common';
import { AccountConfig, AwsAccessConfig } from '../config/AwsAccessConfig';
import { sharedCredentialProvider } from './sharedCredentialProvider';
import { AwsClientConfig, AwsClientFactory, AwsPurpose } from './types';

const DEFAULT_REGION = 'us-east-1';

/** The role the backend assumes in an account for a purpose, if any. */
function roleArnFor(
  account: AccountConfig,
  purpose: AwsPurpose,
): string | undefined {
  // Reading falls back to the manager role: one role per account is enough
  // for a small setup, a separate read-only role is better hygiene.
  return purpose === 'read'
    ? account.readerRoleArn ?? account.managerRoleArn
    : account.managerRoleArn;
}

/**
 * The `aws.accounts[]` entry of `@backstage/integration-aws-node` that
 * assumes `roleArn`. That library builds the ARN from account id and role
 * name, so the role must live in the account it acts in.
 */
function integrationAccount(
  account: AccountConfig,
  roleArn: string,
  purpose: AwsPurpose,
): JsonObject {
  const parsed = parseArn(roleArn);
  const roleName = parsed?.resource.match(/^role\/(.+)$/)?.[1];
  if (!parsed || parsed.service !== 'iam' || !roleName) {
    throw new Error(
      `awsAccess.accounts: the ${purpose} role of account ${account.accountId} must be an IAM role ARN, got '${roleArn}'`,
    );
  }
  if (parsed.accountId !== account.accountId) {
    throw new Error(
      `awsAccess.accounts: the ${purpose} role '${roleArn}' must be a role in account ${account.accountId}`,
    );
  }
  return {
    accountId: account.accountId,
    roleName,
    partition: parsed.partition,
    ...(account.regions[0] ? { region: account.regions[0] } : {}),
    ...(account.externalId ? { externalId: account.externalId } : {}),
  };
}

/**
 * Credentials per configured account and purpose, through
 * `@backstage/integration-aws-node`, so that the usual Backstage AWS setup
 * (`aws.mainAccount`, the SDK default chain: env, ECS task role, EC2
 * instance role, EKS IRSA) is where the backend's own identity comes from.
 *
 * An account with a manager (or reader) role is reached by assuming that
 * role, with the account's external id, from the main credentials. An
 * account without one is reached with the app's own `aws` integration
 * config, which, unless it names the account, means the main credentials,
 * and only if they belong to that account.
 *
 * All clients of an account and purpose share one credential provider, so a
 * role is assumed once and again only shortly before its credentials expire,
 * however many clients a discovery run or a grant makes.
 *
 * @public
 */
export class DefaultAwsClientFactory implements AwsClientFactory {
  private readonly providers = new Map<
    string,
    Promise<AwsCredentialIdentityProvider>
  >();

  static fromConfig(
    rootConfig: Config,
    config: AwsAccessConfig,
  ): DefaultAwsClientFactory {
    const mainAccount = rootConfig
      .getOptionalConfig('aws.mainAccount')
      ?.get<JsonObject>();
    const managerFor = (purpose: AwsPurpose) =>
      DefaultAwsCredentialsManager.fromConfig(
        new ConfigReader(
          {
            aws: {
              ...(mainAccount ? { mainAccount } : {}),
              accounts: config.accounts.flatMap(account => {
                const roleArn = roleArnFor(account, purpose);
                return roleArn
                  ? [integrationAccount(account, roleArn, purpose)]
                  : [];
              }),
            },
          },
          'awsAccess.accounts',
        ),
      );
    return new DefaultAwsClientFactory(
      new Map(config.accounts.map(account => [account.accountId, account])),
      {
        manage: managerFor('manage'),
        read: managerFor('read'),
      },
      DefaultAwsCredentialsManager.fromConfig(rootConfig),
    );
  }

  private constructor(
    private readonly accounts: ReadonlyMap<string, AccountConfig>,
    private readonly roleManagers: Record<AwsPurpose, AwsCredentialsManager>,
    private readonly appManager: AwsCredentialsManager,
  ) {}

  async clientConfig(
    accountId: string,
    purpose: AwsPurpose,
    region?: string,
  ): Promise<AwsClientConfig> {
    const account = this.accounts.get(accountId);
    if (!account) {
      throw new NotFoundError(
        `AWS account ${accountId} is not configured in awsAccess.accounts`,
      );
    }
    return {
      region: region ?? account.regions[0] ?? DEFAULT_REGION,
      credentials: await this.credentials(account, purpose),
    };
  }

  private credentials(
    account: AccountConfig,
    purpose: AwsPurpose,
  ): Promise<AwsCredentialIdentityProvider> {
    const key = `${account.accountId}:${purpose}`;
    let provider = this.providers.get(key);
    if (!provider) {
      const manager = roleArnFor(account, purpose)
        ? this.roleManagers[purpose]
        : this.appManager;
      provider = manager
        .getCredentialProvider({ accountId: account.accountId })
        .then(result => sharedCredentialProvider(result.sdkCredentialProvider));
      // A failed lookup (for example STS unreachable while checking the
      // main account) is retried on the next call rather than remembered.
      provider.catch(() => this.providers.delete(key));
      this.providers.set(key, provider);
    }
    return provider;
  }
}
