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

import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AwsAccessApi,
  Grant,
  RequestOptions,
  TERMINAL_GRANT_STATES,
} from '@backstage-aws-access/plugin-aws-access-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { forwardApiError } from './forwardApiError';

/** How often to poll: from `initialDelayMs`, doubling up to `maxDelayMs`. */
export interface PollingOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLLING: PollingOptions = {
  initialDelayMs: 1000,
  maxDelayMs: 10_000,
};

/**
 * Polls a grant until it is active and returns it. Throws when it ends any
 * other way (rejected, failed, ...), with the engine's reason, or when it is
 * still on its way after `timeoutMs`; a timeout leaves the grant as it is
 * (e.g. still waiting for an approver), and the message says so.
 */
export async function waitForActiveGrant(options: {
  api: AwsAccessApi;
  grant: Grant;
  requestOptions: () => Promise<RequestOptions>;
  timeoutMs: number;
  logger: LoggerService;
  polling?: PollingOptions;
  signal?: AbortSignal;
}): Promise<Grant> {
  const { api, logger, signal } = options;
  const polling = options.polling ?? DEFAULT_POLLING;
  const deadline = Date.now() + options.timeoutMs;
  let grant = options.grant;
  let delayMs = polling.initialDelayMs;

  for (;;) {
    if (grant.state === 'active') {
      logger.info(`Grant ${grant.id} is active until ${grant.expiresAt}`);
      return grant;
    }
    // A revoking grant was active and is ending; it never comes back.
    if (
      TERMINAL_GRANT_STATES.includes(grant.state) ||
      grant.state === 'revoking'
    ) {
      const cause = grant.lastError ? `: ${grant.lastError}` : '';
      throw new Error(
        `Grant ${grant.id} ended as ${grant.state} without becoming active${cause}`,
      );
    }
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      const seconds = Math.round(options.timeoutMs / 1000);
      const approval =
        grant.state === 'pending' ? ' and waits for approval' : '';
      throw new Error(
        `Grant ${grant.id} is still ${grant.state} after ${seconds} seconds; it was not cancelled${approval}`,
      );
    }

    await sleep(Math.min(delayMs, remainingMs), undefined, { signal });
    delayMs = Math.min(delayMs * 2, polling.maxDelayMs);

    const previousState = grant.state;
    try {
      grant = await api.getGrant(grant.id, await options.requestOptions());
    } catch (error) {
      forwardApiError(`Could not read grant ${grant.id}`, error);
    }
    if (grant.state !== previousState) {
      logger.info(`Grant ${grant.id} is now ${grant.state}`);
    }
  }
}
