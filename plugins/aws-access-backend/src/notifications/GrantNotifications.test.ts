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
  const notifications = new GrantNotifications({
    notifications: { send },
  });

  beforeEach(() => {
    send.mockReset().mockResolvedValue();
  });

  it('asks the approver groups, not the requester, with a link to the inbox', async () => {
    await notifications.approvalRequested(7, grant, [
      'group:default/team-payments',
      'group:default/security',
    ]);
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
        scope: 'aws-access:grant:grant-1:pending:7',
      },
    });
  });

  it.each([
    [
      'approved',
      () => notifications.approved(1, grant, 'user:default/alice'),
      'alice approved your AWS access request',
    ],
    [
      'approved, more needed',
      () => notifications.approved(1, grant, 'user:default/alice', 1),
      'alice approved your AWS access request; 1 more approval needed',
    ],
    [
      'rejected',
      () =>
        notifications.rejected(1, grant, 'user:default/alice', 'Use staging'),
      'Your AWS access request was rejected',
    ],
    [
      'active',
      () => notifications.active(1, grant),
      'Your AWS access is ready',
    ],
    [
      'failed',
      () => notifications.failed(1, { ...grant, lastError: 'AccessDenied' }),
      'Your AWS access could not be set up',
    ],
    [
      'expiry warning',
      () => notifications.expiresSoon(grant, 1),
      'Your AWS access ends in 1 minute',
    ],
  ])('tells the requester when %s', async (_, notify, title) => {
    await notify();
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
    await notifications.rejected(1, grant, 'user:default/alice', 'Use staging');
    await notifications.failed(2, { ...grant, lastError: 'AccessDenied' });
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
    await notifications.approvalRequested(1, attacker, [
      'group:default/security',
    ]);
    await notifications.rejected(2, attacker, 'user:default/alice', phishing);
    await notifications.active(3, attacker);

    const payloads = JSON.stringify(send.mock.calls.map(([o]) => o.payload));
    expect(payloads).not.toContain('evil.example');
    expect(payloads).not.toContain('Security notice');
    expect(send.mock.calls[0][0].payload.description).toBe(
      's3:GetObject, s3:PutObject on an AWS resource for 60 minutes. Open the request to read the reason.',
    );
  });

  it('shortens long action lists', async () => {
    await notifications.active(1, {
      ...grant,
      actions: ['s3:A', 's3:B', 's3:C', 's3:D', 's3:E'],
    });
    expect(send.mock.calls[0][0].payload.description).toBe(
      's3:A, s3:B, s3:C and 2 more on arn:aws:s3:::payments-prod, until Thu, 1 Jan 2026, 11:00 UTC',
    );
  });

  it('throws when the notifications service fails, so that the outbox retries', async () => {
    send.mockRejectedValue(new Error('notifications backend down'));
    await expect(notifications.active(1, grant)).rejects.toThrow(
      'notifications backend down',
    );
  });

  it('scopes a notification by grant event, so that delivering an event again updates it, and another event adds one', async () => {
    await notifications.approved(11, grant, 'user:default/alice', 1);
    await notifications.approved(11, grant, 'user:default/alice', 1);
    await notifications.approved(12, grant, 'user:default/bob');
    await notifications.expiresSoon(grant, 5);

    expect(send.mock.calls.map(([o]) => o.payload.scope)).toEqual([
      'aws-access:grant:grant-1:approved:11',
      'aws-access:grant:grant-1:approved:11',
      'aws-access:grant:grant-1:approved:12',
      'aws-access:grant:grant-1:expiry',
    ]);
  });
});
