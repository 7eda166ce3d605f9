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
import { GrantRecord } from '../database/types';
import { GrantEventBus } from './GrantEventBus';

const grant = { id: 'grant-1', state: 'active' } as GrantRecord;

describe('GrantEventBus', () => {
  it('tells the other listeners of a change when one of them throws, and logs it', async () => {
    const logger = mockServices.logger.mock();
    const bus = new GrantEventBus(logger);
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('timer table full');
    });
    bus.subscribe((g, type) => {
      heard.push(`${g.id} ${type}`);
    });

    await bus.publish(grant, 'activated');

    expect(heard).toEqual(['grant-1 activated']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'activated of grant grant-1: Error: timer table full',
      ),
    );
  });

  it('stops telling a listener once it unsubscribed', async () => {
    const bus = new GrantEventBus();
    const heard: string[] = [];
    const unsubscribe = bus.subscribe((_g, type) => {
      heard.push(type);
    });

    await bus.publish(grant, 'activated');
    unsubscribe();
    await bus.publish(grant, 'expiring');

    expect(heard).toEqual(['activated']);
  });
});
