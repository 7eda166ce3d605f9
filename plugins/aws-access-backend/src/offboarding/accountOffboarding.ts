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

import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { isError, stringifyError } from '@backstage/errors';
import type { OffboardProgress } from '../grantApi/offboardAccount';
import { OffboardingRecord, OffboardingStore } from './OffboardingStore';

export const OFFBOARDING_TASK_ID = 'aws-access-offboarding';

/** What the offboarding route needs: record a request, and read its progress. */
export interface AccountOffboarding {
  /** Records the request and starts the task; answers at once. */
  request(accountId: string, actor: string): Promise<OffboardingRecord>;
  get(accountId: string): Promise<OffboardingRecord | undefined>;
}

/**
 * Offboarding as a scheduled task: the request is recorded and the task
 * triggered, and the task (one replica at a time) revokes the account's
 * live grants and records how far it got. A request made while the task is
 * running is picked up by that run; a long backstop schedule resumes one a
 * stopped process left behind.
 */
export async function scheduleAccountOffboarding(options: {
  store: OffboardingStore;
  grants: {
    revokeAllInAccount(
      accountId: string,
      actor: string,
      onProgress?: (progress: OffboardProgress) => Promise<void>,
    ): Promise<OffboardProgress>;
  };
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<AccountOffboarding> {
  const { store, grants, scheduler, logger } = options;

  const offboard = async (request: OffboardingRecord) => {
    const { accountId } = request;
    // A run a stopped process left behind counts on from where it was.
    const before = request.state === 'running' ? request.revokedGrants : 0;
    await store.update(accountId, { state: 'running' });
    try {
      const { revoked, remaining } = await grants.revokeAllInAccount(
        accountId,
        request.requestedBy,
        progress =>
          store.update(accountId, {
            revokedGrants: before + progress.revoked,
            remainingGrants: progress.remaining,
          }),
      );
      await store.update(accountId, {
        state: remaining === 0 ? 'done' : 'failed',
        revokedGrants: before + revoked,
        remainingGrants: remaining,
        finishedAt: new Date(),
        ...(remaining > 0 && {
          lastError: `${remaining} grant(s) were still being changed; offboard again in a minute`,
        }),
      });
    } catch (error) {
      logger.error(`Offboarding account ${accountId} failed`, error as Error);
      await store.update(accountId, {
        state: 'failed',
        finishedAt: new Date(),
        lastError: isError(error) ? error.message : stringifyError(error),
      });
    }
  };

  await scheduler.scheduleTask({
    id: OFFBOARDING_TASK_ID,
    scope: 'global',
    frequency: { hours: 1 },
    timeout: { hours: 1 },
    initialDelay: { minutes: 1 },
    fn: async signal => {
      for (;;) {
        const next = await store.nextUnfinished();
        if (!next || signal?.aborted) {
          return;
        }
        await offboard(next);
      }
    },
  });

  return {
    async request(accountId, actor) {
      const record = await store.request(accountId, actor);
      // Not awaited: a scheduler may run the task within triggerTask, and
      // the caller polls. A run already under way picks the request up.
      scheduler.triggerTask(OFFBOARDING_TASK_ID).catch(error => {
        logger.info(
          `Offboarding of ${accountId} waits for the running task: ${stringifyError(
            error,
          )}`,
        );
      });
      return record;
    },
    get: accountId => store.get(accountId),
  };
}
