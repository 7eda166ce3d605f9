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

/**
 * Calls `fire` when each time it was given has come (a little late rather
 * than early), one timer at a time, so that a retry this process recorded
 * is tried when due rather than at the next scheduled sweep.
 */
export class RetryTimer {
  private timer?: NodeJS.Timeout;
  private readonly due: number[] = [];

  constructor(private readonly fire: () => void) {}

  /** Fires at `time` (epoch milliseconds), as well as at the times before. */
  at(time: number): void {
    this.due.push(time);
    this.arm();
  }

  stop(): void {
    this.due.length = 0;
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.due.length === 0) return;
    const next = Math.min(...this.due);
    // 25 ms late: a timer may fire a millisecond early, and a row not yet
    // due would then wait for the scheduled sweep.
    this.timer = setTimeout(() => {
      const now = Date.now();
      const later = this.due.filter(t => t > now);
      this.due.splice(0, this.due.length, ...later);
      this.fire();
      this.arm();
    }, Math.max(0, next - Date.now()) + 25);
    // A pending retry never keeps the process alive on its own.
    this.timer.unref();
  }
}
