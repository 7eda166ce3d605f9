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
import PQueue from 'p-queue';
import { GrantRecord } from '../database/types';
import { toApiGrant } from '../grantApi/grantView';
import { GrantNotifications } from './GrantNotifications';

/**
 * Sends expiry warnings one at a time, off the expiry sweep: a slow
 * notifications backend must not delay the sweep's own work (arming expiry
 * timers). A warning is not a grant event, so it does not go through the
 * outbox: the grant is marked warned first and a lost warning stays lost,
 * as documented for the sweep.
 */
export class ExpiryWarningQueue {
  private readonly queue = new PQueue({
    concurrency: 1,
    timeout: 30_000,
    throwOnTimeout: true,
  });

  constructor(
    private readonly options: {
      notifications: GrantNotifications;
      logger: LoggerService;
      /** Warnings waiting beyond this many are dropped (and logged). */
      maxPending?: number;
    },
  ) {}

  /** Queues the warning and returns at once. */
  warn(grant: GrantRecord, minutesLeft: number): void {
    const { notifications, logger, maxPending = 1000 } = this.options;
    if (this.queue.size >= maxPending) {
      logger.warn(
        `Dropped the expiry warning of grant ${grant.id}: ${this.queue.size} are waiting`,
      );
      return;
    }
    this.queue
      .add(() => notifications.expiresSoon(toApiGrant(grant), minutesLeft))
      .catch(error =>
        logger.warn(
          `Could not warn of the expiry of grant ${grant.id}`,
          error as Error,
        ),
      );
  }

  /** Resolves once the queue is empty, or after `timeoutMs`; returns whether it is. */
  async flush(timeoutMs?: number): Promise<boolean> {
    const idle = this.queue.onIdle();
    if (timeoutMs !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        idle,
        new Promise(resolve => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    } else {
      await idle;
    }
    return this.queue.size === 0 && this.queue.pending === 0;
  }
}
