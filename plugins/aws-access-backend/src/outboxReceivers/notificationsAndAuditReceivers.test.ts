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
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type {
  GrantEvent,
  GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import { GrantRecord } from '../database/types';
import { GrantAuditor } from '../audit/GrantAuditor';
import { GrantNotifications } from '../notifications/GrantNotifications';
import { storeWithOutbox } from '../outbox/__testUtils__/outboxFixture';
import { createTestLifecycle } from '../lifecycle/__testUtils__/createTestLifecycle';
import { ExpiryScheduler } from '../engine/ExpiryScheduler';
import { GrantEngine } from '../engine/GrantEngine';
import {
  createCatalogEventsReceiver,
  createSignalsReceiver,
} from './eventsAndSignalsReceivers';
import {
  createAuditReceiver,
  createNotificationsReceiver,
} from './notificationsAndAuditReceivers';
import {
  provisioningGrant,
  RecordingProvisioner,
} from '../service/__testUtils__/RecordingProvisioner';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const never = () => new Promise<void>(() => {});

/**
 * The engine and store wired to the outbox receivers as the plugin wires
 * them, against a notifications backend, events bus and signals service
 * that never answer.
 */
async function wiredEngine() {
  const send = jest.fn(never);
  const publish = jest.fn(never);
  const auditor = mockServices.auditor.mock();
  const { store, dispatcher, logger } = await storeWithOutbox(
    await databases.init('SQLITE_3'),
    {
      receivers: [
        createNotificationsReceiver(
          new GrantNotifications({ notifications: { send } }),
        ),
        createAuditReceiver(new GrantAuditor(auditor)),
        createCatalogEventsReceiver({ publish, subscribe: jest.fn() }),
        createSignalsReceiver({ publish: jest.fn(never) }),
      ],
    },
  );
  const { lifecycle, events } = createTestLifecycle(store, logger);
  const engine = new GrantEngine({
    store,
    lifecycle,
    provisioner: new RecordingProvisioner(),
    logger,
    rolePath: '/backstage-access/',
  });
  const audited = () =>
    auditor.createEvent.mock.calls.map(([event]) => event.eventId);
  return {
    store,
    engine,
    lifecycle,
    events,
    send,
    publish,
    audited,
    logger,
    dispatcher,
  };
}

describe('the grant lifecycle receivers, wired to the engine', () => {
  it('do not hold up a grant becoming active when the backends never answer', async () => {
    const { store, engine, send, publish, audited, dispatcher } =
      await wiredEngine();
    const grant = await store.insertGrant(provisioningGrant(), {
      type: 'requested',
      actor: 'user:default/alice',
    });

    const active = await engine.drive(grant.id);
    await dispatcher.flush(200);

    expect(active?.state).toBe('active');
    expect(audited()).toEqual(['grant-provision']);
    // Handed over, still waiting for an answer: the `active` notice, and the
    // events of `requested` (the bus handles one at a time).
    expect(send).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledTimes(1);
    await dispatcher.stop(0);
  });

  it('do not hold up expiry when the backends never answer', async () => {
    const { store, engine, lifecycle, events, audited, logger, dispatcher } =
      await wiredEngine();
    const grant = await store.insertGrant(
      provisioningGrant({ expiresAt: new Date(Date.now() + 500) }),
      { type: 'requested', actor: 'user:default/alice' },
    );
    const expiry = new ExpiryScheduler({
      engine,
      lifecycle,
      events,
      store,
      logger,
    });
    try {
      expect((await engine.drive(grant.id))?.state).toBe('active');

      let ended = await store.getGrant(grant.id);
      const deadline = Date.now() + 5_000;
      while (ended?.state !== 'expired' && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 25));
        ended = await store.getGrant(grant.id);
      }
      await dispatcher.flush(200);

      expect(ended?.state).toBe('expired');
      expect(
        ended!.endedAt!.getTime() - grant.expiresAt!.getTime(),
      ).toBeLessThan(1_000);
      expect(audited()).toEqual(['grant-provision', 'grant-expire']);
    } finally {
      expiry.stop();
      await dispatcher.stop(0);
    }
  });
});

describe('what the receivers tell whom', () => {
  const approvers = ['group:default/team-data'];
  const pending: GrantRecord = {
    ...provisioningGrant({
      state: 'pending',
      approvalRequirement: {
        mode: 'groups',
        approverGroups: approvers,
        count: 2,
        ruleIndex: 0,
      },
    }),
    updatedAt: new Date(),
    attempts: 0,
    approvals: [],
  };
  let event = 0;
  function eventOf(
    type: GrantEventType,
    more: Partial<GrantEvent> = {},
  ): GrantEvent {
    event += 1;
    return {
      id: event,
      grantId: pending.id,
      type,
      actor: 'user:default/bob',
      createdAt: new Date().toISOString(),
      ...more,
    };
  }

  function notifier() {
    const sent: NotificationSendOptions[] = [];
    const receiver = createNotificationsReceiver(
      new GrantNotifications({
        notifications: { send: async options => void sent.push(options) },
      }),
    );
    return { receiver, sent };
  }

  it('ask the approvers about a new request, once per event however often it is delivered', async () => {
    const { receiver, sent } = notifier();
    const requested = eventOf('requested', { actor: pending.requester });

    await receiver.deliver(requested, pending);
    await receiver.deliver(requested, pending);

    expect(sent.map(s => s.recipients)).toEqual([
      {
        type: 'entity',
        entityRef: approvers,
        excludeEntityRef: pending.requester,
      },
      {
        type: 'entity',
        entityRef: approvers,
        excludeEntityRef: pending.requester,
      },
    ]);
    // The same scope: notifications-backend updates the first.
    expect(new Set(sent.map(s => s.payload.scope))).toEqual(
      new Set([`aws-access:grant:${pending.id}:pending:${requested.id}`]),
    );
  });

  it('do not ask the approvers about a request decided before the delivery came', async () => {
    const { receiver, sent } = notifier();
    await receiver.deliver(eventOf('requested'), {
      ...pending,
      state: 'provisioning',
    });
    expect(sent).toEqual([]);
  });

  it('tell the approvers at once of a break-glass grant, to review it', async () => {
    const { receiver, sent } = notifier();
    await receiver.deliver(eventOf('requested'), {
      ...pending,
      state: 'active',
      approvalRequirement: {
        ...(pending.approvalRequirement as any),
        breakGlass: 'used',
      },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({
      severity: 'critical',
      title: expect.stringMatching(/^Break-glass: /),
    });
  });

  it('tell the requester of each approval and how many are still needed', async () => {
    const { receiver, sent } = notifier();
    await receiver.deliver(
      eventOf('approval-recorded', { data: { approvals: 1, required: 2 } }),
      pending,
    );
    await receiver.deliver(
      eventOf('approved', {
        actor: 'user:default/carol',
        data: { approvals: 2, required: 2 },
      }),
      { ...pending, state: 'provisioning' },
    );
    expect(sent.map(s => [s.recipients, s.payload.title])).toEqual([
      [
        { type: 'entity', entityRef: pending.requester },
        'bob approved your AWS access request; 1 more approval needed',
      ],
      [
        { type: 'entity', entityRef: pending.requester },
        'carol approved your AWS access request',
      ],
    ]);
  });

  it('audit a request that timed out, with its event id, but not a person rejecting it', async () => {
    const auditor = mockServices.auditor.mock();
    const receiver = createAuditReceiver(new GrantAuditor(auditor));
    const timedOut = eventOf('rejected', {
      actor: 'system',
      reason: 'nobody decided in time',
    });
    await receiver.deliver(timedOut, { ...pending, state: 'rejected' });
    await receiver.deliver(eventOf('rejected'), {
      ...pending,
      state: 'rejected',
    });

    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'grant-reject',
        meta: expect.objectContaining({
          grantEventId: timedOut.id,
          timedOut: true,
          reason: 'nobody decided in time',
        }),
      }),
    );
  });
});
