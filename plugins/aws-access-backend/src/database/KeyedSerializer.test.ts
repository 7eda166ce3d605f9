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

import { KeyedSerializer } from './KeyedSerializer';

/** A task that runs until the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { open, opened };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('runs the tasks of one key one at a time, in order', async () => {
    const serializer = new KeyedSerializer();
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    const results = gates.map((g, i) =>
      serializer.run('alice', async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0]);
    expect(serializer.size('alice')).toBe(3);

    gates[2].open();
    gates[1].open();
    await tick();
    expect(started).toEqual([0]);

    gates[0].open();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2]);
    expect(started).toEqual([0, 1, 2]);
    expect(serializer.size('alice')).toBe(0);
  });

  it('runs tasks of different keys side by side', async () => {
    const serializer = new KeyedSerializer();
    const alices = gate();
    const alice = serializer.run('alice', () => alices.opened);
    // Bob's task finishes while Alice's is still running.
    await expect(serializer.run('bob', async () => 'bob')).resolves.toBe('bob');
    expect(serializer.size('alice')).toBe(1);
    expect(serializer.size('bob')).toBe(0);
    alices.open();
    await alice;
  });

  it('goes on after a task fails, and hands the failure to its caller alone', async () => {
    const serializer = new KeyedSerializer();
    const failing = serializer.run('alice', async () => {
      throw new Error('boom');
    });
    const next = serializer.run('alice', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
    expect(serializer.size('alice')).toBe(0);
  });

  it('lets the next task go when one keeps its turn too long', async () => {
    const serializer = new KeyedSerializer(50);
    const hung = gate();
    const first = serializer.run('alice', () => hung.opened);
    await expect(serializer.run('alice', async () => 'next')).resolves.toBe(
      'next',
    );
    expect(serializer.size('alice')).toBe(1);
    hung.open();
    await first;
    expect(serializer.size('alice')).toBe(0);
  });
});
