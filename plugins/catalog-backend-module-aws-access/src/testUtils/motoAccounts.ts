import type {
  AwsClientConfig,
  AwsClientFactory,
  AwsPurpose,
} from '@backstage-aws-access/plugin-aws-access-node';

export const ACCOUNT_A = '123456789012';
export const ACCOUNT_B = '210987654321';

/**
 * The real client factory with a switch to break one account, like a
 * reader role whose trust was removed. Under moto, the default keys act in
 * account A and the reader role assumed in B gives keys that act in B.
 */
export class FailingClientFactory implements AwsClientFactory {
  readonly failing = new Set<string>();

  constructor(private readonly inner: AwsClientFactory) {}

  async clientConfig(
    accountId: string,
    purpose: AwsPurpose,
    region?: string,
  ): Promise<AwsClientConfig> {
    if (this.failing.has(accountId)) {
      throw new Error(
        `AccessDenied: cannot assume the reader role in ${accountId}`,
      );
    }
    return this.inner.clientConfig(accountId, purpose, region);
  }
}
