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
 * Hands the items added within one turn of the event loop to `run` together,
 * once; each caller gets that run's promise. A burst of commits then costs
 * one query where it would cost one per commit.
 */
export class SameTurnBatch<T, R> {
  private readonly items: T[] = [];
  private pending?: Promise<R>;

  constructor(private readonly run: (items: T[]) => Promise<R>) {}

  add(items: T[]): Promise<R> {
    this.items.push(...items);
    if (!this.pending) {
      this.pending = new Promise(resolve => setImmediate(resolve)).then(() => {
        // Items added while `run` works wait for the next batch.
        this.pending = undefined;
        return this.run(this.items.splice(0));
      });
    }
    return this.pending;
  }
}
