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
