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
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});
