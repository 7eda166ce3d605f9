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

import { SameTurnBatch } from './SameTurnBatch';

describe('SameTurnBatch', () => {
  it('runs once for everything added in one turn, and gives every caller that run', async () => {
    const runs: number[][] = [];
    const batch = new SameTurnBatch(async (items: number[]) => {
      runs.push(items);
      return runs.length;
    });

    const answers = await Promise.all([
      batch.add([1, 2]),
      batch.add([]),
      batch.add([3]),
    ]);

    expect(runs).toEqual([[1, 2, 3]]);
    expect(answers).toEqual([1, 1, 1]);
  });

  it('starts a new batch for items added while a run is under way', async () => {
    const runs: number[][] = [];
    let finish!: () => void;
    const batch = new SameTurnBatch(async (items: number[]) => {
      runs.push(items);
      if (runs.length === 1) {
        await new Promise<void>(resolve => {
          finish = resolve;
        });
      }
    });

    const first = batch.add([1]);
    await new Promise(resolve => setImmediate(resolve));
    const second = batch.add([2]);
    finish();
    await Promise.all([first, second]);

    expect(runs).toEqual([[1], [2]]);
  });

  it('passes a failed run to every caller of that batch, and the next batch still runs', async () => {
    let fail = true;
    const batch = new SameTurnBatch(async (items: number[]) => {
      if (fail) throw new Error('database gone');
      return items;
    });

    const failed = [batch.add([1]), batch.add([2])];
    await expect(failed[0]).rejects.toThrow('database gone');
    await expect(failed[1]).rejects.toThrow('database gone');
    fail = false;

    await expect(batch.add([3])).resolves.toEqual([3]);
  });
});
