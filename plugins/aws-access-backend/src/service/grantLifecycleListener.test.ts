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

import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseGrantStore } from '../database/DatabaseGrantStore';
import { GrantAuditor } from '../notifications/GrantAuditor';
import { GrantNotifications } from '../notifications/GrantNotifications';
import { ExpiryScheduler } from './ExpiryScheduler';
import { GrantEngine } from './GrantEngine';
import { GrantNotifier } from './GrantNotifier';
import { createGrantLifecycleListener } from './grantLifecycleListener';
import {
  provisioningGrant,
  RecordingProvisioner,
} from './__testUtils__/RecordingProvisioner';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const never = () => new Promise<void>(() => {});

/**
 * The engine wired to its listeners as the plugin wires it, against a
 * notifications backend, events bus and signals service that never answer.
 */
async function wiredEngine() {
  const logger = mockServices.logger.mock();
  const store = await DatabaseGrantStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
    }),
  });
  const engine = new GrantEngine({
    store,
    provisioner: new RecordingProvisioner(),
    logger,
    rolePath: '/backstage-access/',
  });
  const send = jest.fn(never);
  const publish = jest.fn(never);
  const notifier = new GrantNotifier({
    logger,
    events: { publish, subscribe: jest.fn() },
    signals: { publish: jest.fn(never) },
  });
  engine.onChange((grant, type) => notifier.grantChanged(grant, type));
  const auditor = mockServices.auditor.mock();
  engine.onChange(
    createGrantLifecycleListener({
      notifications: new GrantNotifications({
        notifications: { send },
        logger,
      }),
      auditor: new GrantAuditor(auditor),
    }),
  );
  const audited = () =>
    auditor.createEvent.mock.calls.map(([event]) => event.eventId);
  return { store, engine, send, publish, audited, logger };
}

describe('the grant lifecycle listeners', () => {
  it('do not hold up a grant becoming active when the backends never answer', async () => {
    const { store, engine, send, publish, audited } = await wiredEngine();
    const grant = await store.insertGrant(provisioningGrant(), {
      type: 'requested',
      actor: 'user:default/alice',
    });

    const active = await engine.drive(grant.id);

    expect(active?.state).toBe('active');
    // Audit is on the awaited path: recorded before the engine moves on.
    expect(audited()).toEqual(['grant-provision']);
    // The messages were handed over; they are still waiting for an answer.
    expect(send).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('do not hold up expiry when the backends never answer', async () => {
    const { store, engine, audited, logger } = await wiredEngine();
    const grant = await store.insertGrant(
      provisioningGrant({ expiresAt: new Date(Date.now() + 500) }),
      { type: 'requested', actor: 'user:default/alice' },
    );
    const expiry = new ExpiryScheduler({ engine, store, logger });
    try {
      expect((await engine.drive(grant.id))?.state).toBe('active');

      let ended = await store.getGrant(grant.id);
      const deadline = Date.now() + 5_000;
      while (ended?.state !== 'expired' && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 25));
        ended = await store.getGrant(grant.id);
      }

      expect(ended?.state).toBe('expired');
      expect(
        ended!.endedAt!.getTime() - grant.expiresAt!.getTime(),
      ).toBeLessThan(1_000);
      expect(audited()).toEqual(['grant-provision', 'grant-expire']);
    } finally {
      expiry.stop();
    }
  });
});
