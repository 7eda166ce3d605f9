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
import { GRANT_AUDIT_EVENTS, GrantAuditor } from './GrantAuditor';

describe('GrantAuditor', () => {
  const event = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => event),
  });
  const audit = new GrantAuditor(auditor);

  const subject = {
    grantId: 'grant-1',
    requester: 'user:default/guest',
    resourceArn: 'arn:aws:s3:::payments-prod',
    accountId: '123456789012',
    actions: ['s3:GetObject'],
  };

  beforeEach(() => jest.clearAllMocks());

  it('records an approval by a user, with the request, and its success', async () => {
    const request = { method: 'POST' } as any;
    const result = await audit.run(
      'approve',
      {
        subject,
        actor: 'user:default/alice',
        request,
        meta: { comment: 'ok' },
      },
      async () => 'approved',
    );
    expect(result).toBe('approved');
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'grant-approve',
      severityLevel: 'high',
      request,
      meta: {
        actor: 'user:default/alice',
        grantId: 'grant-1',
        requester: 'user:default/guest',
        resourceArn: 'arn:aws:s3:::payments-prod',
        accountId: '123456789012',
        actions: ['s3:GetObject'],
        comment: 'ok',
      },
    });
    expect(event.success).toHaveBeenCalledTimes(1);
    expect(event.fail).not.toHaveBeenCalled();
  });

  it('records a failed operation and throws its error on', async () => {
    const error = new Error('AccessDenied');
    await expect(
      audit.run('provision', { subject, actor: 'service:aws-access' }, () =>
        Promise.reject(error),
      ),
    ).rejects.toBe(error);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'grant-provision',
        meta: expect.objectContaining({ actor: 'service:aws-access' }),
      }),
    );
    expect(event.fail).toHaveBeenCalledWith({ error });
    expect(event.success).not.toHaveBeenCalled();
  });

  it('records a role the reconciler removed, naming the service', async () => {
    await audit.succeeded('reconciler-removal', {
      subject: {
        accountId: '123456789012',
        roleArn: 'arn:aws:iam::123456789012:role/backstage-access/x',
      },
      actor: 'service:aws-access/reconciler',
      meta: { reason: 'no active grant' },
    });
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'reconciler-role-removal',
      severityLevel: 'high',
      request: undefined,
      meta: {
        actor: 'service:aws-access/reconciler',
        accountId: '123456789012',
        roleArn: 'arn:aws:iam::123456789012:role/backstage-access/x',
        reason: 'no active grant',
      },
    });
    expect(event.success).toHaveBeenCalledTimes(1);
  });

  it('records a failure seen after the fact', async () => {
    const error = new Error('NoSuchEntity');
    await audit.failed('expire', { subject, actor: 'system' }, error);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'grant-expire' }),
    );
    expect(event.fail).toHaveBeenCalledWith({ error });
  });

  it('has a kebab-case event for every audited operation', () => {
    expect(
      Object.fromEntries(
        Object.entries(GRANT_AUDIT_EVENTS).map(([k, v]) => [k, v.eventId]),
      ),
    ).toEqual({
      request: 'grant-request',
      approve: 'grant-approve',
      reject: 'grant-reject',
      cancel: 'grant-cancel',
      provision: 'grant-provision',
      revoke: 'grant-revoke',
      expire: 'grant-expire',
      extend: 'grant-extend',
      'reconciler-removal': 'reconciler-role-removal',
      'reconciler-drift-repair': 'reconciler-drift-repair',
    });
  });
});
