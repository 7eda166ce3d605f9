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
import {
  GRANT_EVENTS_TOPIC,
  GRANT_SIGNAL_CHANNEL,
  type GrantEventType,
} from '@backstage-aws-access/plugin-aws-access-common';
import { ANONYMOUS_SIGNALS_USER, GrantNotifier } from './GrantNotifier';
import { provisioningGrant } from './__testUtils__/RecordingProvisioner';

describe('GrantNotifier', () => {
  const grant = {
    ...provisioningGrant({ state: 'active', roleArn: 'arn:aws:iam::1:role/r' }),
    updatedAt: new Date(),
    attempts: 0,
    approvals: [],
  };

  it('publishes the change and signals the requester', async () => {
    const events = { publish: jest.fn(async () => {}), subscribe: jest.fn() };
    const signals = { publish: jest.fn(async () => {}) };
    const notifier = new GrantNotifier({
      logger: mockServices.logger.mock(),
      events,
      signals,
    });

    await notifier.grantChanged(grant, 'activated');
    await notifier.flush();

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
      const notifier = new GrantNotifier({
        logger: mockServices.logger.mock(),
        signals,
      });
      await notifier.grantChanged(record, type);
      await notifier.flush();
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

  it('logs, and does not throw, when publishing fails', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new GrantNotifier({
      logger,
      events: {
        publish: jest.fn().mockRejectedValue(new Error('bus down')),
        subscribe: jest.fn(),
      },
      signals: { publish: jest.fn().mockRejectedValue(new Error('no ws')) },
    });

    await expect(notifier.grantChanged(grant, 'activated')).resolves.toBe(
      undefined,
    );
    await notifier.flush();
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not publish activated of grant ${grant.id}`,
      expect.objectContaining({ message: 'bus down' }),
    );
  });

  it('does not let a stuck signals service hold up the events', async () => {
    const events = { publish: jest.fn(async () => {}), subscribe: jest.fn() };
    const signals = { publish: jest.fn(() => new Promise<void>(() => {})) };
    const notifier = new GrantNotifier({
      logger: mockServices.logger.mock(),
      events,
      signals,
    });

    await notifier.grantChanged(grant, 'activated');
    await notifier.grantChanged({ ...grant, state: 'revoking' }, 'expiring');
    await new Promise(setImmediate);

    expect(
      events.publish.mock.calls.map(([e]: any[]) => e.eventPayload.type),
    ).toEqual(['activated', 'expiring']);
    expect(signals.publish).toHaveBeenCalledTimes(1);
  });
});
