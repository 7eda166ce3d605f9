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

interface Line {
  /** Settles when the last task given for the key has had its turn. */
  tail: Promise<void>;
  /** Tasks given for the key that have not settled: running or waiting. */
  size: number;
}

/**
 * Runs the tasks given for one key one at a time, in the order given;
 * tasks for different keys run side by side.
 *
 * Used in front of transactions that would otherwise queue on a database
 * lock: a task waiting here holds nothing but memory, whereas a
 * transaction waiting for a row or advisory lock holds a pool connection,
 * and a burst of them can take every connection the plugin has.
 */
export class KeyedSerializer {
  private readonly lines = new Map<string, Line>();

  /**
   * @param maxTurnMs - how long a task may keep the others of its key
   * waiting: a query that hangs (a connection lost without a reset) must
   * not stop that key for good; the task itself runs on. The default is
   * far longer than a healthy transaction and half knex's wait for a
   * connection.
   */
  constructor(private readonly maxTurnMs = 30_000) {}

  /** How many tasks for `key` are running or waiting. */
  size(key: string): number {
    return this.lines.get(key)?.size ?? 0;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let line = this.lines.get(key);
    if (!line) {
      line = { tail: Promise.resolve(), size: 0 };
      this.lines.set(key, line);
    }
    const current = line;
    current.size += 1;
    let endTurn!: () => void;
    const turnOver = new Promise<void>(resolve => {
      endTurn = resolve;
    });
    const result = current.tail.then(async () => {
      const timer = setTimeout(endTurn, this.maxTurnMs);
      try {
        return await task();
      } finally {
        clearTimeout(timer);
      }
    });
    const settled = () => {
      current.size -= 1;
      // Forgotten once idle, so that a line per person ever seen is not kept.
      if (current.size === 0) {
        this.lines.delete(key);
      }
      endTurn();
    };
    result.then(settled, settled);
    current.tail = turnOver;
    return result;
  }
}
