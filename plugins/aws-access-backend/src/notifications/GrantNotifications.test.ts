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
import { NotificationService } from '@backstage/plugin-notifications-node';
import { GrantNotifications, NotifiedGrant } from './GrantNotifications';

const grant: NotifiedGrant = {
  id: 'grant-1',
  requester: 'user:default/guest',
  resourceArn: 'arn:aws:s3:::payments-prod',
  actions: ['s3:GetObject', 's3:PutObject'],
  reason: 'Fix the nightly export',
  durationMinutes: 60,
  expiresAt: '2026-01-01T11:00:00.000Z',
};

describe('GrantNotifications', () => {
  const send = jest.fn<
    ReturnType<NotificationService['send']>,
    Parameters<NotificationService['send']>
  >();
  const logger = mockServices.logger.mock();
  const notifications = new GrantNotifications({
    notifications: { send },
    logger,
  });

  beforeEach(() => {
    send.mockReset().mockResolvedValue();
  });

  it('asks the approver groups, not the requester, with a link to the inbox', async () => {
    await notifications.approvalRequested(grant, [
      'group:default/team-payments',
      'group:default/security',
    ]);
    await notifications.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/team-payments', 'group:default/security'],
        excludeEntityRef: 'user:default/guest',
      },
      payload: {
        title: 'Approve AWS access for guest?',
        description:
          's3:GetObject, s3:PutObject on arn:aws:s3:::payments-prod for 60 minutes. Open the request to read the reason.',
        link: '/aws-access/approvals?grant=grant-1',
        severity: 'high',
        topic: 'aws-access',
        scope: 'aws-access:grant:grant-1:pending',
      },
    });
  });

  it.each([
    [
      'approved',
      () => notifications.approved(grant, 'user:default/alice'),
      'alice approved your AWS access request',
    ],
    [
      'approved, more needed',
      () => notifications.approved(grant, 'user:default/alice', 1),
      'alice approved your AWS access request; 1 more approval needed',
    ],
    [
      'rejected',
      () => notifications.rejected(grant, 'user:default/alice', 'Use staging'),
      'Your AWS access request was rejected',
    ],
    ['active', () => notifications.active(grant), 'Your AWS access is ready'],
    [
      'failed',
      () => notifications.failed({ ...grant, lastError: 'AccessDenied' }),
      'Your AWS access could not be set up',
    ],
    [
      'expiry warning',
      () => notifications.expiresSoon(grant, 1),
      'Your AWS access ends in 1 minute',
    ],
  ])('tells the requester when %s', async (_, notify, title) => {
    await notify();
    await notifications.flush();
    expect(send).toHaveBeenCalledTimes(1);
    const [{ recipients, payload }] = send.mock.calls[0];
    expect(recipients).toEqual({
      type: 'entity',
      entityRef: 'user:default/guest',
    });
    expect(payload.title).toBe(title);
    expect(payload.link).toBe('/aws-access/grants?grant=grant-1');
    expect(payload.topic).toBe('aws-access');
  });

  it('points to the rejection comment, and gives the failure cause', async () => {
    await notifications.rejected(grant, 'user:default/alice', 'Use staging');
    await notifications.failed({ ...grant, lastError: 'AccessDenied' });
    await notifications.flush();
    expect(send.mock.calls.map(([o]) => o.payload.description)).toEqual([
      'alice rejected access to arn:aws:s3:::payments-prod. Open the request to read why.',
      'arn:aws:s3:::payments-prod: AccessDenied',
    ]);
  });

  it("never puts a person's text where another person's notifications render it", async () => {
    const phishing =
      '# Security notice\n[Sign in again](https://evil.example) ![](https://evil.example/p.png)';
    const attacker = {
      ...grant,
      reason: phishing,
      resourceArn: 'arn:aws:s3:::bucket/[click](https://evil.example)',
    };
    await notifications.approvalRequested(attacker, ['group:default/security']);
    await notifications.rejected(attacker, 'user:default/alice', phishing);
    await notifications.active(attacker);
    await notifications.flush();

    const payloads = JSON.stringify(send.mock.calls.map(([o]) => o.payload));
    expect(payloads).not.toContain('evil.example');
    expect(payloads).not.toContain('Security notice');
    expect(send.mock.calls[0][0].payload.description).toBe(
      's3:GetObject, s3:PutObject on an AWS resource for 60 minutes. Open the request to read the reason.',
    );
  });

  it('shortens long action lists', async () => {
    await notifications.active({
      ...grant,
      actions: ['s3:A', 's3:B', 's3:C', 's3:D', 's3:E'],
    });
    await notifications.flush();
    expect(send.mock.calls[0][0].payload.description).toBe(
      's3:A, s3:B, s3:C and 2 more on arn:aws:s3:::payments-prod, until Thu, 1 Jan 2026, 11:00 UTC',
    );
  });

  it('logs, and does not throw, when the notifications service fails', async () => {
    send.mockRejectedValue(new Error('notifications backend down'));
    await expect(notifications.active(grant)).resolves.toBeUndefined();
    await notifications.flush();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not send the active notification of grant grant-1',
      expect.objectContaining({ message: 'notifications backend down' }),
    );
  });

  it('returns before a slow notifications service answers, and sends in order', async () => {
    let answer: () => void = () => {};
    send.mockImplementationOnce(
      () => new Promise<void>(resolve => (answer = resolve)),
    );

    await notifications.approved(grant, 'user:default/alice');
    await notifications.active(grant);
    // The second waits for the first, which the service has not answered.
    await new Promise(setImmediate);
    expect(send.mock.calls.map(([o]) => o.payload.title)).toEqual([
      'alice approved your AWS access request',
    ]);

    answer();
    await notifications.flush();
    expect(send.mock.calls.map(([o]) => o.payload.title)).toEqual([
      'alice approved your AWS access request',
      'Your AWS access is ready',
    ]);
  });
});
