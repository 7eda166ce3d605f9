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
