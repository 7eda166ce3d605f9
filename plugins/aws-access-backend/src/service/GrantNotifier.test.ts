import { mockServices } from '@backstage/backend-test-utils';
import {
  GRANT_EVENTS_TOPIC,
  GRANT_SIGNAL_CHANNEL,
} from 'backstage-plugin-aws-access-common';
import { GrantNotifier } from './GrantNotifier';
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
      recipients: { type: 'user', entityRef: 'user:default/alice' },
      channel: GRANT_SIGNAL_CHANNEL,
      message: expect.objectContaining({ type: 'activated' }),
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
