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

import {
  GRANT_EVENTS_TOPIC,
  GRANT_SIGNAL_CHANNEL,
  type GrantEvent,
  type GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import {
  ANONYMOUS_SIGNALS_USER,
  createCatalogEventsReceiver,
  createSignalsReceiver,
} from './eventsAndSignalsReceivers';
import { provisioningGrant } from '../service/__testUtils__/RecordingProvisioner';

function eventOf(type: GrantEventType, grantId: string): GrantEvent {
  return {
    id: 41,
    grantId,
    type,
    actor: 'system',
    createdAt: new Date().toISOString(),
  };
}

describe('the catalog events and signals receivers', () => {
  const grant = {
    ...provisioningGrant({ state: 'active', roleArn: 'arn:aws:iam::1:role/r' }),
    updatedAt: new Date(),
    attempts: 0,
    approvals: [],
  };

  it('publish the change with the whole grant, and signal the requester', async () => {
    const events = { publish: jest.fn(async () => {}), subscribe: jest.fn() };
    const signals = { publish: jest.fn(async () => {}) };

    await createCatalogEventsReceiver(events).deliver(
      eventOf('activated', grant.id),
      grant,
    );
    await createSignalsReceiver(signals).deliver(
      eventOf('activated', grant.id),
      grant,
    );

    expect(events.publish).toHaveBeenCalledWith({
      topic: GRANT_EVENTS_TOPIC,
      eventPayload: {
        type: 'activated',
        grant: expect.objectContaining({
          id: grant.id,
          state: 'active',
          signInUrl: expect.stringContaining('switchrole'),
        }),
      },
    });
    expect(signals.publish).toHaveBeenCalledWith({
      recipients: { type: 'user', entityRef: ['user:default/alice'] },
      channel: GRANT_SIGNAL_CHANNEL,
      message: { grantId: grant.id, type: 'activated' },
    });
  });

  it('take the events screens and the catalog show, not the internal steps', () => {
    const receiver = createSignalsReceiver({ publish: jest.fn() });
    const events = createCatalogEventsReceiver({
      publish: jest.fn(),
      subscribe: jest.fn(),
    });
    const taken = (
      [
        'requested',
        'activated',
        'expired',
        'role-created',
        'policy-deleted',
        'extend-failed',
        'orphan-removed',
      ] as const
    ).filter(type => receiver.accepts(type) && events.accepts(type));

    expect(taken).toEqual(['requested', 'activated', 'expired']);
  });

  it('throw when the bus fails, so that the outbox retries', async () => {
    const events = {
      publish: jest.fn().mockRejectedValue(new Error('bus down')),
      subscribe: jest.fn(),
    };
    await expect(
      createCatalogEventsReceiver(events).deliver(
        eventOf('activated', grant.id),
        grant,
      ),
    ).rejects.toThrow('bus down');
  });

  describe('signals', () => {
    const pending = {
      ...grant,
      state: 'pending' as const,
      reason: 'see https://evil.example',
      approvalRequirement: {
        mode: 'owner' as const,
        approverGroups: ['group:default/team-data'],
        count: 1,
        ruleIndex: 1,
      },
    };

    async function signalsFor(record: typeof grant, type: GrantEventType) {
      const signals = { publish: jest.fn(async (_: any) => {}) };
      await createSignalsReceiver(signals).deliver(
        eventOf(type, record.id),
        record,
      );
      return signals.publish.mock.calls.map(([signal]) => signal);
    }

    it('carry the grant id and the event kind, never the reason, role ARN or sign-in link', async () => {
      const [signal] = await signalsFor(
        { ...pending, state: 'active', roleArn: 'arn:aws:iam::1:role/r' },
        'activated',
      );

      expect(signal.message).toEqual({ grantId: grant.id, type: 'activated' });
      const text = JSON.stringify(signal);
      expect(text).not.toContain('evil.example');
      expect(text).not.toContain('arn:aws:iam');
      expect(text).not.toContain('switchrole');
    });

    it('reach the approver groups while a request waits and when it stops waiting, and only the requester after', async () => {
      const [requested] = await signalsFor(pending, 'requested');
      const [approved] = await signalsFor(
        { ...pending, state: 'provisioning' },
        'approved',
      );
      const [activated] = await signalsFor(
        { ...pending, state: 'active' },
        'activated',
      );

      expect(requested.recipients).toEqual({
        type: 'user',
        entityRef: ['user:default/alice', 'group:default/team-data'],
      });
      expect(approved.recipients.entityRef).toContain(
        'group:default/team-data',
      );
      expect(activated.recipients).toEqual({
        type: 'user',
        entityRef: ['user:default/alice'],
      });
    });

    it('are never addressed to the identity the signals backend gives sockets without a token', async () => {
      const guests = await signalsFor(
        { ...grant, requester: ANONYMOUS_SIGNALS_USER },
        'activated',
      );
      const guestsPending = await signalsFor(
        { ...pending, requester: ANONYMOUS_SIGNALS_USER },
        'requested',
      );

      expect(guests).toEqual([]);
      expect(guestsPending.map(s => s.recipients)).toEqual([
        { type: 'user', entityRef: ['group:default/team-data'] },
      ]);
    });
  });
});
