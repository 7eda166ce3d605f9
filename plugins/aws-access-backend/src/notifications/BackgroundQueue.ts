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

export interface BackgroundQueueOptions {
  logger: LoggerService;
  /**
   * How long one task may run before the queue moves on without it, so that
   * a backend that never answers holds up later messages by this much at
   * most, not forever. Default 30 seconds.
   */
  taskTimeoutMs?: number;
  /**
   * Tasks waiting beyond this many are dropped (and logged), so that a dead
   * backend cannot grow the queue without bound. Default 1000.
   */
  maxPending?: number;
}

/**
 * Runs work that must not hold up the grant state machine (notifications,
 * events, signals) one task at a time, in the order it was pushed. A task's
 * failure is logged, never raised: the grant change it reports is already
 * committed, and the UI and the catalog's periodic refresh repair a lost
 * message.
 */
export class BackgroundQueue {
  private readonly logger: LoggerService;
  private readonly taskTimeoutMs: number;
  private readonly maxPending: number;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(options: BackgroundQueueOptions) {
    this.logger = options.logger;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 30_000;
    this.maxPending = options.maxPending ?? 1000;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  /**
   * Queues `task` behind everything pushed before it and returns at once.
   * `what` names the task in log messages ("send the active notification").
   */
  push(what: string, task: () => Promise<unknown>): void {
    if (this.pending >= this.maxPending) {
      this.logger.warn(
        `Dropped "${what}": ${this.pending} tasks are already waiting`,
      );
      return;
    }
    this.pending += 1;
    this.tail = this.tail
      .then(() => this.run(what, task))
      .finally(() => {
        this.pending -= 1;
      });
  }

  /**
   * Resolves once every task pushed so far, and any they pushed meanwhile,
   * has finished; with `timeoutMs`, resolves after that long at the latest.
   * Returns whether the queue is empty. Tests await this instead of
   * sleeping; shutdown awaits it with a bound.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    const idle = this.idle();
    if (timeoutMs === undefined) {
      await idle;
      return true;
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>(resolve => {
      timer = setTimeout(resolve, timeoutMs);
    });
    try {
      await Promise.race([idle, timedOut]);
    } finally {
      clearTimeout(timer);
    }
    if (this.pending > 0) {
      this.logger.warn(
        `${this.pending} background tasks had not finished after ${timeoutMs} ms`,
      );
      return false;
    }
    return true;
  }

  private async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  private async run(what: string, task: () => Promise<unknown>) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed out'>(resolve => {
      timer = setTimeout(() => resolve('timed out'), this.taskTimeoutMs);
      // A hung task never keeps the process alive on its own.
      timer.unref();
    });
    try {
      // Through `then`, so that a task throwing at once is caught too.
      const work = Promise.resolve()
        .then(task)
        .then(() => 'done' as const);
      if ((await Promise.race([work, timedOut])) === 'timed out') {
        this.logger.warn(
          `Gave up waiting to ${what} after ${this.taskTimeoutMs} ms`,
        );
        // A late failure of the abandoned task is logged, not left unhandled.
        work.catch(error =>
          this.logger.warn(`Could not ${what}`, error as Error),
        );
      }
    } catch (error) {
      this.logger.warn(`Could not ${what}`, error as Error);
    } finally {
      clearTimeout(timer);
    }
  }
}
