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

import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { GrantEvent } from '@backstage-aws-access/plugin-aws-access-common';
import { Knex } from 'knex';
import PQueue from 'p-queue';
import { GrantRecord } from '../database/types';
import { Backoff, retryDelayMs } from './backoff';
import { ClaimedRow, OutboxTable } from './OutboxTable';
import { RetryTimer } from './RetryTimer';
import { SameTurnBatch } from './SameTurnBatch';
import { OutboxReceiver } from './types';

export interface OutboxDispatcherOptions {
  db: Knex;
  receivers: OutboxReceiver[];
  /** The grants as they are now, in the order of `ids`; one query for a batch. */
  getGrants(ids: string[]): Promise<Array<GrantRecord | undefined>>;
  logger: LoggerService;
  /** Identifies this process in row claims. */
  instanceId?: string;
  /**
   * How long a claim lasts. Rows a crashed process had claimed are
   * delivered by the next sweep after this long; it must outlast
   * `deliveryTimeoutMs` so that a slow delivery is not started twice.
   */
  claimLeaseMs?: number;
  /** Rows claimed at once. */
  batchSize?: number;
  /** Attempts at one delivery before giving up on it. */
  maxAttempts?: number;
  backoff?: Backoff;
  /** How long one delivery may take before it counts as failed. */
  deliveryTimeoutMs?: number;
}

type Outcome = 'delivered' | 'lapsed' | { error: unknown };

class ClaimLapsed extends Error {}

/**
 * Delivers the outbox: every grant event to each receiver interested in
 * it, at least once. {@link OutboxDispatcher.poke} delivers the rows of
 * events this process just committed, right away; {@link OutboxDispatcher.sweep}
 * (scheduled on every replica) delivers what is left: rows whose claim
 * lapsed because a process died mid-delivery, and retries that are due.
 *
 * Each receiver has its own queue: deliveries to one receiver go out in
 * order, one at a time, and a receiver that hangs or fails holds up only
 * itself. A failed delivery is retried with exponential backoff and jitter,
 * until `maxAttempts`; then it is logged as an error and its row kept,
 * marked `gave_up_at`.
 */
export class OutboxDispatcher {
  private readonly table: OutboxTable;
  private readonly receivers: Map<string, OutboxReceiver>;
  private readonly queues = new Map<string, PQueue>();
  private readonly logger: LoggerService;
  private readonly instanceId: string;
  private readonly claimLeaseMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly backoff: Backoff;
  private readonly deliveryTimeoutMs: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private sweeping?: Promise<number>;
  /** Commits that end in the same turn share one claim, one read, one delete. */
  private readonly pokes = new SameTurnBatch((ids: number[]) =>
    this.deliverPoked(ids),
  );
  /** Receivers finishing in the same turn share one delete. */
  private readonly deletes = new SameTurnBatch((ids: number[]) =>
    this.table.delete(ids, this.instanceId),
  );
  private readonly retries: RetryTimer;
  private stopped = false;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.table = new OutboxTable(options.db);
    this.receivers = new Map(options.receivers.map(r => [r.name, r]));
    this.logger = options.logger;
    this.instanceId = options.instanceId ?? `outbox-${randomUUID()}`;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 30_000;
    this.claimLeaseMs = options.claimLeaseMs ?? 4 * this.deliveryTimeoutMs;
    this.batchSize = options.batchSize ?? 100;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.backoff = options.backoff ?? { baseMs: 1_000, maxMs: 15 * 60_000 };
    this.retries = new RetryTimer(() => {
      // A sweep under way may have looked before the retry was due.
      const running = this.sweeping ?? Promise.resolve(0);
      this.track(
        running
          .then(() => this.sweep())
          .catch(error =>
            this.logger.warn('Outbox retry sweep failed', error as Error),
          ),
      );
    });
  }

  /**
   * Starts delivering the rows of these events now; returns at once.
   * Commits that end in the same turn of the event loop share one claim,
   * one read of their events and grants, and one delete: a burst of
   * requests costs a few outbox queries, not four per commit.
   */
  poke(eventIds: number[]): void {
    if (this.stopped) return;
    this.track(this.pokes.add(eventIds));
  }

  /** Delivers every due row that no live process holds; returns how many it took. */
  sweep(): Promise<number> {
    if (!this.sweeping) {
      this.sweeping = this.sweepAll().finally(() => {
        this.sweeping = undefined;
      });
      this.track(this.sweeping.catch(() => undefined));
    }
    return this.sweeping;
  }

  /**
   * Resolves once the deliveries under way (and any they started) have
   * finished, or after `timeoutMs` at the latest. Returns whether none is
   * left. Retries waiting for their time are not waited for.
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    const deadline =
      timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const all = Promise.all(this.inFlight);
      if (deadline === undefined) {
        await all;
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const left = deadline - Date.now();
      const timedOut = new Promise(resolve => {
        timer = setTimeout(resolve, Math.max(0, left));
      });
      await Promise.race([all, timedOut]);
      clearTimeout(timer);
      if (Date.now() >= deadline) break;
    }
    return this.inFlight.size === 0;
  }

  /** Stops starting deliveries; waits for those under way, for at most `timeoutMs`. */
  async stop(timeoutMs?: number): Promise<boolean> {
    this.stopped = true;
    this.retries.stop();
    return this.flush(timeoutMs);
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.deliverBatch();
      total += taken;
      if (taken < this.batchSize || this.stopped) return total;
    }
  }

  private async deliverBatch(eventIds?: number[]): Promise<number> {
    if (this.stopped) return 0;
    const now = new Date();
    const until = new Date(now.getTime() + this.claimLeaseMs);
    const rows = await this.table.claim({
      owner: this.instanceId,
      now,
      until,
      limit: this.batchSize,
      eventIds,
    });
    if (rows.length === 0) return 0;
    const grantIds = [...new Set(rows.map(r => r.grantId))];
    const [events, grants] = await Promise.all([
      this.table.events(rows.map(r => r.eventId)),
      this.options.getGrants(grantIds),
    ]);
    const grantById = new Map(grantIds.map((id, i) => [id, grants[i]]));
    // Each receiver's rows are settled as soon as that receiver is done, so
    // that one hanging receiver delays nobody else's retry or deletion.
    const byReceiver = new Map<string, ClaimedRow[]>();
    for (const row of rows) {
      byReceiver.set(row.receiver, [
        ...(byReceiver.get(row.receiver) ?? []),
        row,
      ]);
    }
    await Promise.all(
      [...byReceiver.values()].map(async group => {
        const outcomes = await Promise.all(
          group.map(row =>
            this.deliver(
              row,
              events.get(row.eventId),
              grantById.get(row.grantId),
              until,
            ),
          ),
        );
        await this.forget(
          group.filter((_, i) => outcomes[i] === 'delivered').map(r => r.id),
        );
        for (const [i, row] of group.entries()) {
          const outcome = outcomes[i];
          if (typeof outcome === 'object') {
            await this.failed(row, events.get(row.eventId), outcome.error);
          }
        }
      }),
    );
    return rows.length;
  }

  private async deliverPoked(ids: number[]): Promise<void> {
    try {
      // A full batch may have left rows of these events behind.
      let taken = this.batchSize;
      while (taken === this.batchSize) {
        taken = await this.deliverBatch(ids);
      }
    } catch (error) {
      // The rows stay; the sweep delivers them.
      this.logger.warn(
        `Could not deliver the outbox of events ${ids.join(', ')}`,
        error as Error,
      );
    }
  }

  private forget(ids: number[]): Promise<void> {
    return ids.length === 0 ? Promise.resolve() : this.deletes.add(ids);
  }

  private async deliver(
    row: ClaimedRow,
    event: GrantEvent | undefined,
    grant: GrantRecord | undefined,
    until: Date,
  ): Promise<Outcome> {
    const receiver = this.receivers.get(row.receiver);
    if (!receiver) {
      return { error: new Error(`no receiver ${row.receiver} here`) };
    }
    // Deleted meanwhile (the rows go with it): nothing is left to tell about.
    if (!event || !grant) return 'delivered';
    try {
      await this.queueOf(receiver.name).add(async () => {
        // Waited in line past the claim: another process may deliver it now.
        if (Date.now() >= until.getTime()) throw new ClaimLapsed();
        await receiver.deliver(event, grant);
      });
      return 'delivered';
    } catch (error) {
      if (error instanceof ClaimLapsed) return 'lapsed';
      // p-queue's TimeoutError carries no message.
      return (error as Error)?.name === 'TimeoutError'
        ? { error: new Error(`timed out after ${this.deliveryTimeoutMs} ms`) }
        : { error };
    }
  }

  private async failed(
    row: ClaimedRow,
    event: GrantEvent | undefined,
    error: unknown,
  ): Promise<void> {
    const attempts = row.attempts + 1;
    const now = Date.now();
    const what = `${event?.type ?? 'event'} ${row.eventId} of grant ${
      row.grantId
    } to ${row.receiver}`;
    if (attempts >= this.maxAttempts) {
      this.logger.error(
        `Gave up delivering ${what} after ${attempts} attempts: ${stringifyError(
          error,
        )}`,
      );
      await this.table.failed(row.id, this.instanceId, {
        attempts,
        error: stringifyError(error),
        availableAt: new Date(now),
        gaveUpAt: new Date(now),
      });
      return;
    }
    const delay = retryDelayMs(attempts, this.backoff);
    this.logger.warn(
      `Could not deliver ${what} (attempt ${attempts}); retrying in ${delay} ms: ${stringifyError(
        error,
      )}`,
    );
    await this.table.failed(row.id, this.instanceId, {
      attempts,
      error: stringifyError(error),
      availableAt: new Date(now + delay),
    });
    if (!this.stopped) this.retries.at(now + delay);
  }

  private queueOf(receiver: string): PQueue {
    let queue = this.queues.get(receiver);
    if (!queue) {
      queue = new PQueue({
        concurrency: 1,
        timeout: this.deliveryTimeoutMs,
        throwOnTimeout: true,
      });
      this.queues.set(receiver, queue);
    }
    return queue;
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
  }
}
