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

import { mockServices } from '@backstage/backend-test-utils';
import { BackgroundQueue } from './BackgroundQueue';

const never = () => new Promise<void>(() => {});

describe('BackgroundQueue', () => {
  const logger = mockServices.logger.mock();

  beforeEach(() => jest.clearAllMocks());

  it('runs tasks one at a time, in the order they were pushed', async () => {
    const queue = new BackgroundQueue({ logger });
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise(r => setTimeout(r, ms));
      log.push(`end ${name}`);
    };

    queue.push('a', task('a', 20));
    queue.push('b', task('b', 0));
    expect(queue.size).toBe(2);
    await queue.flush();

    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(queue.size).toBe(0);
  });

  it('logs a failed task, never throws, and goes on with the next', async () => {
    const queue = new BackgroundQueue({ logger });
    const ran = jest.fn(async () => {});

    queue.push('send the active notification', async () => {
      throw new Error('backend down');
    });
    queue.push('fail at once', () => {
      throw new Error('bad input');
    });
    queue.push('send the next', ran);

    await expect(queue.flush()).resolves.toBe(true);
    expect(ran).toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not send the active notification',
      expect.objectContaining({ message: 'backend down' }),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not fail at once',
      expect.objectContaining({ message: 'bad input' }),
    );
  });

  it('moves on from a task that never finishes', async () => {
    const queue = new BackgroundQueue({ logger, taskTimeoutMs: 20 });
    const ran = jest.fn(async () => {});

    queue.push('signal a hung browser', never);
    queue.push('send the next', ran);
    await queue.flush();

    expect(ran).toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Gave up waiting to signal a hung browser after 20 ms',
    );
  });

  it('drops tasks beyond its limit rather than growing without bound', async () => {
    const queue = new BackgroundQueue({ logger, maxPending: 1 });
    const ran = jest.fn(async () => {});

    queue.push('wait', () => new Promise<void>(r => setTimeout(r, 10)));
    queue.push('one too many', ran);
    await queue.flush();

    expect(ran).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Dropped "one too many": 1 tasks are already waiting',
    );
  });

  it('waits at most the given time to flush, e.g. at shutdown', async () => {
    const queue = new BackgroundQueue({ logger, taskTimeoutMs: 100 });
    queue.push('hang', never);

    await expect(queue.flush(20)).resolves.toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      '1 background tasks had not finished after 20 ms',
    );
  });

  it('flushes tasks pushed while it waits', async () => {
    const queue = new BackgroundQueue({ logger });
    const second = jest.fn(async () => {});
    queue.push('first', async () => {
      queue.push('second', second);
    });

    await queue.flush();
    expect(second).toHaveBeenCalled();
  });
});
