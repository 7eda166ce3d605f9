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
import { GrantRecord, GrantStore } from '../database/types';
import { GrantEventBus } from '../lifecycle/GrantEventBus';
import { GrantLifecycle } from '../lifecycle/GrantLifecycle';
import { expiryWarningDue } from '../notifications/expiryWarning';
import { GrantEngine } from './GrantEngine';

/** Warns requesters a while before their grant ends. */
export interface ExpiryWarning {
  /** Lead time in minutes; 0 turns the warning off. */
  leadMinutes: number;
  warn(grant: GrantRecord, minutesLeft: number): Promise<void>;
}

/**
 * Ends grants on time. Each active grant this instance knows of gets a
 * timer at its `expiresAt`; the periodic {@link ExpiryScheduler.sweep} (a
 * global scheduler task) expires whatever is overdue, resumes grants left
 * mid-step, and arms timers for grants expiring soon, so expiry happens within
 * seconds also after a restart or on another replica. Expiring twice is
 * harmless: the engine's transition is conditional.
 */
export class ExpiryScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly engine: GrantEngine;
  private readonly lifecycle: GrantLifecycle;
  private readonly store: GrantStore;
  private readonly logger: LoggerService;
  private readonly horizonMs: number;
  private readonly maxTimerMs: number;
  private readonly timeOutPending?: (now: Date) => Promise<unknown>;
  private readonly expiryWarning?: ExpiryWarning;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(options: {
    engine: GrantEngine;
    /** Marks grants warned of their expiry. */
    lifecycle: GrantLifecycle;
    /** Where the changes that arm and disarm timers are heard. */
    events: GrantEventBus;
    store: GrantStore;
    logger: LoggerService;
    /** Sweeps arm timers for grants expiring within this long. Default 15 minutes. */
    horizonMs?: number;
    /** Longer timers are re-armed in steps of this; Node caps timers at ~24.8 days anyway. */
    maxTimerMs?: number;
    /** Ends pending requests that waited too long for approval. */
    timeOutPending?: (now: Date) => Promise<unknown>;
    expiryWarning?: ExpiryWarning;
  }) {
    this.engine = options.engine;
    this.lifecycle = options.lifecycle;
    this.store = options.store;
    this.logger = options.logger;
    this.horizonMs = options.horizonMs ?? 15 * 60_000;
    this.maxTimerMs = options.maxTimerMs ?? 60 * 60_000;
    this.timeOutPending = options.timeOutPending;
    this.expiryWarning = options.expiryWarning;
    this.unsubscribe = options.events.subscribe(grant => this.track(grant));
  }

  /** Arms or disarms the grant's timer after a change. */
  track(grant: GrantRecord): void {
    if (grant.state === 'active' && grant.expiresAt) {
      this.arm(grant.id, grant.expiresAt);
    } else {
      this.disarm(grant.id);
    }
  }

  arm(id: string, expiresAt: Date): void {
    if (this.stopped) return;
    this.disarm(id);
    const delay = expiresAt.getTime() - Date.now();
    const timer =
      delay > this.maxTimerMs
        ? setTimeout(() => this.arm(id, expiresAt), this.maxTimerMs)
        : // A few milliseconds late rather than early: the engine only expires
          // a grant whose expiry has passed.
          setTimeout(() => this.fire(id), Math.max(0, delay) + 5);
    // Timers never keep the process alive on their own.
    timer.unref();
    this.timers.set(id, timer);
  }

  disarm(id: string): void {
    const timer = this.timers.get(id);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(id);
    }
  }

  /** Number of armed timers (for health and tests). */
  get armed(): number {
    return this.timers.size;
  }

  async sweep(): Promise<void> {
    const now = new Date();
    for (const { id } of await this.store.listExpiring(now, 500)) {
      await this.expire(id);
    }
    await this.engine.resumeAll();
    await this.guard('time out pending requests', async () => {
      await this.timeOutPending?.(now);
    });
    await this.guard('warn of expiry', () => this.warnOfExpiry(now));
    const soon = new Date(Date.now() + this.horizonMs);
    for (const { id, expiresAt } of await this.store.listExpiring(soon, 1000)) {
      if (!this.timers.has(id)) {
        this.arm(id, expiresAt);
      }
    }
  }

  /**
   * Warns each active grant once, when it enters the lead time. The grant is
   * marked first, so a crash loses a warning rather than repeating it (the
   * sweep is a global task: one replica at a time).
   */
  private async warnOfExpiry(now: Date): Promise<void> {
    const warning = this.expiryWarning;
    if (!warning || warning.leadMinutes <= 0) return;
    const horizon = new Date(now.getTime() + warning.leadMinutes * 60_000);
    for (const grant of await this.store.listUnwarnedExpiring(horizon, 500)) {
      const start = grant.activatedAt ?? grant.approvedAt ?? grant.createdAt;
      const due = expiryWarningDue(
        grant.expiresAt!,
        now,
        warning.leadMinutes,
        (grant.expiresAt!.getTime() - start.getTime()) / 60_000,
      );
      if (!due.due) continue;
      const marked = await this.lifecycle.markExpiryWarned(grant.id, now);
      if (marked) {
        await warning.warn(marked, due.minutesLeft);
      }
    }
  }

  private async guard(what: string, work: () => Promise<unknown>) {
    try {
      await work();
    } catch (error) {
      // Expiry itself must not wait for these; the next sweep tries again.
      this.logger.error(`Could not ${what}`, error as Error);
    }
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const id of [...this.timers.keys()]) {
      this.disarm(id);
    }
  }

  private async fire(id: string) {
    this.timers.delete(id);
    await this.expire(id);
  }

  private async expire(id: string) {
    try {
      await this.engine.expire(id);
    } catch (error) {
      // The next sweep tries again.
      this.logger.error(`Could not expire grant ${id}`, error as Error);
    }
  }
}
