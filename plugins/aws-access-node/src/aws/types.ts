import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/**
 * Why the backend acts in an account: to change grant roles, or to read inventory.
 *
 * @public
 */
export type AwsPurpose = 'manage' | 'read';

/**
 * What an AWS SDK v3 client needs to act in one account.
 *
 * @public
 */
export interface AwsClientConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
}

/**
 * Gives SDK client config per configured account, with credentials from
 * `@backstage/integration-aws-node`: the default chain, or the account's
 * manager (or reader) role assumed with its external id.
 *
 * @public
 */
export interface AwsClientFactory {
  clientConfig(
    accountId: string,
    purpose: AwsPurpose,
    region?: string,
  ): Promise<AwsClientConfig>;
}
