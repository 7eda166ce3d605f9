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

import { IAMClient } from '@aws-sdk/client-iam';
import { AwsClientFactory } from '@backstage-aws-access/plugin-aws-access-node';

/**
 * Attempts per IAM call. The SDK's standard retry strategy retries
 * throttling, 5xx and network errors with exponential backoff and jitter;
 * IAM's control plane throttles at a few requests per second per account,
 * which a reconciler pass over many roles can reach.
 */
const MAX_ATTEMPTS = 5;

/** One IAM client per account, so connections and retry state are reused. */
export class IamClients {
  private readonly clients = new Map<string, Promise<IAMClient>>();

  constructor(private readonly clientFactory: AwsClientFactory) {}

  forAccount(accountId: string): Promise<IAMClient> {
    let client = this.clients.get(accountId);
    if (!client) {
      client = this.clientFactory.clientConfig(accountId, 'manage').then(
        config =>
          new IAMClient({
            ...config,
            maxAttempts: MAX_ATTEMPTS,
            retryMode: 'standard',
          }),
      );
      client.catch(() => this.clients.delete(accountId));
      this.clients.set(accountId, client);
    }
    return client;
  }
}
