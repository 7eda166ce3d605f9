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
import {
  Grant,
  GrantWithEvents,
} from '@backstage-aws-access/plugin-aws-access-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  as,
  ALICE,
  BOB,
  BUCKET,
  CAROL,
  CATALOGUED_BUCKET,
  appPerTest,
  createTestApp,
  discoveredResource,
  DAN,
  ERIN,
  HOME,
  SECURITY,
  TEAM,
  TestAppOptions,
} from '../service/__testUtils__/testApp';
import { securityApprovalConfig } from '../service/__testUtils__/testFixtures';

jest.setTimeout(60_000);

const read = {
  resourceArn: BUCKET,
  actions: ['s3:GetObject'],
  durationMinutes: 60,
  reason: 'reading invoices',
  accountId: HOME,
};
const write = { ...read, actions: ['s3:PutObject'], reason: 'fixing data' };
const ownerWrite = {
  resourceArn: CATALOGUED_BUCKET,
  actions: ['s3:PutObject'],
  durationMinutes: 60,
  reason: 'backfill',
};

describe('approvals', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const notifications = { send: jest.fn(async () => {}) };
    const auditor = mockServices.auditor.mock();

    beforeEach(() => jest.clearAllMocks());
    const t = appPerTest(databases, {
      databaseId,
      config: securityApprovalConfig,
      notifications,
      auditor,
    });

    // What a test committed is delivered before the next one counts.
    afterEach(() => t.flushNotifications());

    const create = async (body: object, user = ALICE) => {
      const res = await request(t.app)
        .post('/grants')
        .set('authorization', as(user))
        .send(body);
      expect(res.status).toBe(201);
      return res.body as Grant;
    };
    const decide = (
      id: string,
      verb: 'approve' | 'reject' | 'cancel' | 'extend' | 'revoke',
      user: string,
      body: object = {},
    ) =>
      request(t.app)
        .post(`/grants/${id}/${verb}`)
        .set('authorization', as(user))
        .send(body);
    const show = async (id: string, user = CAROL) =>
      (await request(t.app).get(`/grants/${id}`).set('authorization', as(user)))
        .body as GrantWithEvents;
    const auditedEvents = () =>
      auditor.createEvent.mock.calls.map(([e]) => [e.eventId, e.meta?.actor]);

    it('provisions read access in the home account at once', async () => {
      const grant = await create(read);
      expect(grant.state).toBe('active');
      expect(grant.approvedBy).toBe('auto');
      expect(grant.requiredApprovals).toBeUndefined();
    });

    it('holds write access for the owner, notifies them, and starts on approval', async () => {
      const grant = await create(ownerWrite);
      expect(grant).toMatchObject({
        state: 'pending',
        resourceOwner: TEAM,
        requiredApprovals: 1,
        approverGroups: [TEAM],
      });
      expect(grant.expiresAt).toBeUndefined();
      expect(t.iam.calls).toEqual([]);
      await t.flushNotifications();
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: [TEAM],
          excludeEntityRef: ALICE,
        },
        payload: expect.objectContaining({
          title: `Approve AWS access for alice?`,
          link: `/aws-access/approvals?grant=${grant.id}`,
          topic: 'aws-access',
        }),
      });

      const approved = await decide(grant.id, 'approve', BOB, {
        comment: 'go ahead',
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        state: 'active',
        approvedBy: BOB,
        approvals: [
          { approver: BOB, comment: 'go ahead', createdAt: expect.any(String) },
        ],
      });
      // The clock starts at approval.
      expect(
        Date.parse(approved.body.expiresAt) -
          Date.parse(approved.body.approvedAt),
      ).toBe(60 * 60_000);

      const events = (await show(grant.id)).events;
      expect(events.map(e => [e.type, e.actor, e.reason])).toEqual([
        ['requested', ALICE, 'backfill'],
        ['approved', BOB, 'go ahead'],
        ['role-created', 'system', undefined],
        ['activated', 'system', undefined],
      ]);
      // The requester heard of the approval and of the ready role.
      await t.flushNotifications();
      const toAlice = notifications.send.mock.calls
        .map(([n]: any[]) => n)
        .filter((n: any) => n.recipients.entityRef === ALICE)
        .map((n: any) => n.payload.title);
      expect(toAlice).toEqual([
        `bob approved your AWS access request`,
        'Your AWS access is ready',
      ]);
      expect(auditedEvents()).toEqual([
        ['grant-request', ALICE],
        ['grant-approve', BOB],
        ['grant-provision', 'system'],
      ]);
    });

    it('refuses self-approval (403) even to a member of the approver group', async () => {
      const grant = await create(ownerWrite, BOB);
      const res = await decide(grant.id, 'approve', BOB);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/someone else must approve/);
      expect((await show(grant.id)).state).toBe('pending');
    });

    it('refuses approvers outside the groups (403)', async () => {
      const grant = await create(write);
      // Dan may not approve the owner's bucket; Bob owns nothing here.
      const byOwner = await decide(grant.id, 'approve', BOB);
      expect(byOwner.status).toBe(403);
      const other = await create(ownerWrite);
      const bySecurity = await decide(other.id, 'approve', DAN);
      expect(bySecurity.status).toBe(403);
      expect((await show(grant.id)).approvals).toBeUndefined();
      expect(t.iam.calls).toEqual([]);
    });

    it('needs two distinct approvers and never counts one twice', async () => {
      const grant = await create(write);
      expect(grant).toMatchObject({
        state: 'pending',
        requiredApprovals: 2,
        approverGroups: [SECURITY],
      });

      const first = await decide(grant.id, 'approve', DAN);
      expect(first.status).toBe(200);
      expect(first.body.state).toBe('pending');

      const again = await decide(grant.id, 'approve', DAN);
      expect(again.status).toBe(403);
      expect(again.body.error.message).toMatch(/already approved/);
      expect((await show(grant.id)).approvals).toHaveLength(1);
      expect(t.iam.calls).toEqual([]);

      const second = await decide(grant.id, 'approve', ERIN);
      expect(second.status).toBe(200);
      expect(second.body.state).toBe('active');
      expect(second.body.approvedBy).toBe(`${DAN}, ${ERIN}`);
      expect(second.body.approvals.map((a: any) => a.approver)).toEqual([
        DAN,
        ERIN,
      ]);
      const types = (await show(grant.id)).events.map(e => e.type);
      expect(types.slice(0, 3)).toEqual([
        'requested',
        'approval-recorded',
        'approved',
      ]);
      await t.flushNotifications();
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          payload: expect.objectContaining({
            title: `dan approved your AWS access request; 1 more approval needed`,
          }),
        }),
      );
    });

    it('ends a request on one rejection, with the comment, and tells the requester', async () => {
      const grant = await create(write);
      const res = await decide(grant.id, 'reject', DAN, {
        comment: 'use the staging bucket',
      });
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('rejected');
      const late = await decide(grant.id, 'approve', ERIN);
      expect(late.status).toBe(409);
      const events = (await show(grant.id)).events;
      expect(events[events.length - 1]).toMatchObject({
        type: 'rejected',
        actor: DAN,
        reason: 'use the staging bucket',
      });
      await t.flushNotifications();
      expect(notifications.send).toHaveBeenLastCalledWith({
        recipients: { type: 'entity', entityRef: ALICE },
        payload: expect.objectContaining({
          title: 'Your AWS access request was rejected',
          // The comment is on the grant (above), not in the notification.
          description: expect.stringContaining('Open the request to read why'),
        }),
      });
      expect(auditedEvents()).toContainEqual(['grant-reject', DAN]);
    });

    it('tells a pending request when it times out, and stops once decided', async () => {
      const grant = await create(write);
      expect(grant.state).toBe('pending');
      expect(grant.approvalDeadline).toBe(
        new Date(Date.parse(grant.createdAt) + 30 * 60_000).toISOString(),
      );
      expect((await show(grant.id)).approvalDeadline).toBe(
        grant.approvalDeadline,
      );
      await decide(grant.id, 'reject', DAN);
      expect((await show(grant.id)).approvalDeadline).toBeUndefined();
      expect((await create(read)).approvalDeadline).toBeUndefined();
    });

    it('rejects requests nobody decided on in time', async () => {
      const grant = await create(write);
      expect(await t.grants.timeOutPendingGrants(new Date())).toBe(0);
      const later = new Date(Date.now() + 31 * 60_000);
      expect(await t.grants.timeOutPendingGrants(later)).toBe(1);
      const ended = await show(grant.id);
      expect(ended.state).toBe('rejected');
      expect(ended.events[ended.events.length - 1]).toMatchObject({
        type: 'rejected',
        actor: 'system',
        reason: 'Nobody approved the request within 30 minutes',
      });
      // Audited and notified from the outbox, off the sweep's path.
      await t.flushNotifications();
      expect(auditedEvents()).toContainEqual(['grant-reject', 'system']);
      expect(notifications.send).toHaveBeenLastCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: ALICE },
        }),
      );
    });

    it('times requests out at the deadline they were given, even after the timeout is changed', async () => {
      const grant = await create(write);
      const restarted = await createTestApp({
        provisioner: t.iam,
        knex: t.knex,
        config: {
          awsAccess: {
            ...securityApprovalConfig.awsAccess,
            approval: {
              ...securityApprovalConfig.awsAccess.approval,
              pendingTimeout: { hours: 2 },
            },
          },
        },
      });
      const atDeadline = new Date(grant.approvalDeadline!);
      expect(
        await restarted.grants.timeOutPendingGrants(
          new Date(atDeadline.getTime() - 1000),
        ),
      ).toBe(0);
      expect(await restarted.grants.timeOutPendingGrants(atDeadline)).toBe(1);
      const ended = await show(grant.id);
      expect(ended.state).toBe('rejected');
      expect(ended.events[ended.events.length - 1].reason).toBe(
        'Nobody approved the request within 30 minutes',
      );
    });

    it('lets the requester cancel a pending request, and only a pending one', async () => {
      const grant = await create(write);
      const cancelled = await decide(grant.id, 'cancel', ALICE);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('cancelled');
      expect(auditedEvents()).toContainEqual(['grant-cancel', ALICE]);

      const active = await create(read);
      const refused = await decide(active.id, 'cancel', ALICE);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/revoke it instead/);

      // Somebody else's request is not theirs to cancel.
      const pending = await create(write, BOB);
      expect((await decide(pending.id, 'cancel', ALICE)).status).toBe(403);
    });

    it('extends grants the rules approve at once, and refuses (409) those that need approval', async () => {
      const readGrant = await create(read);
      const extended = await decide(readGrant.id, 'extend', ALICE, {
        durationMinutes: 120,
      });
      expect(extended.status).toBe(200);

      const grant = await create(ownerWrite);
      await decide(grant.id, 'approve', BOB);
      const refused = await decide(grant.id, 'extend', ALICE, {
        durationMinutes: 120,
      });
      expect(refused.status).toBe(409);
      // People and resources, never rule numbers or ids.
      expect(refused.body.error.message).toMatch(
        /needs approval by the owner of this resource \(.+\).*Request access again/,
      );
      expect(refused.body.error.message).not.toMatch(
        /rule \d|group:|[0-9a-f]{8}-[0-9a-f]{4}/,
      );
      // The API says so before anyone tries.
      expect((await show(grant.id, ALICE)).extension).toEqual({
        allowed: false,
        reason: refused.body.error.message,
      });
      expect(auditedEvents()).toContainEqual(['grant-extend', ALICE]);
    });
  });
});

describe('permissions on grants', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const setup = async (
      permissions: Pick<
        TestAppOptions,
        'deniedPermissions' | 'permissions'
      > = {},
    ) =>
      createTestApp({
        provisioner: new RecordingProvisioner(),
        knex: await databases.init(databaseId),
        config: securityApprovalConfig,
        ...permissions,
        entities: ['alice-one', 'bob-one', 'bob-two'].map(name =>
          discoveredResource({
            name,
            arn: `arn:aws:s3:::${name}`,
            accountId: HOME,
          }),
        ),
      });
    const create = async (
      app: express.Express,
      user: string,
      resourceArn: string,
      actions = ['s3:GetObject'],
    ) => {
      const res = await request(app)
        .post('/grants')
        .set('authorization', as(user))
        .send({
          resourceArn,
          actions,
          durationMinutes: 30,
          reason: 'work',
          accountId: resourceArn === CATALOGUED_BUCKET ? undefined : HOME,
        });
      expect(res.status).toBe(201);
      return res.body as Grant;
    };
    const list = async (app: express.Express, user: string, query = {}) => {
      const res = await request(app)
        .get('/grants')
        .query(query)
        .set('authorization', as(user));
      expect(res.status).toBe(200);
      return res.body as { items: Grant[]; nextCursor?: string };
    };

    it('lists only the grants the policy allows, filtered in the query', async () => {
      const { app } = await setup();
      const alices = await create(app, ALICE, 'arn:aws:s3:::alice-one');
      const owned = await create(app, ALICE, CATALOGUED_BUCKET);
      const bobs = await create(app, BOB, 'arn:aws:s3:::bob-one');
      const pendingForSecurity = await create(
        app,
        BOB,
        'arn:aws:s3:::bob-two',
        ['s3:PutObject'],
      );
      const ids = (page: { items: Grant[] }) => page.items.map(g => g.id);

      expect(ids(await list(app, ALICE))).toEqual([owned.id, alices.id]);
      // Bob's team owns the catalogued bucket.
      expect(ids(await list(app, BOB))).toEqual([
        pendingForSecurity.id,
        bobs.id,
        owned.id,
      ]);
      // Dan approves for security: he sees what waits for him, nothing else.
      expect(ids(await list(app, DAN))).toEqual([pendingForSecurity.id]);
      expect(ids(await list(app, CAROL))).toHaveLength(4);

      // Filtering in SQL keeps pages full: Alice's first page of one is
      // her newest grant, though three newer grants are not hers.
      const page = await list(app, ALICE, { limit: 1 });
      expect(ids(page)).toEqual([owned.id]);
      expect(
        ids(await list(app, ALICE, { limit: 1, cursor: page.nextCursor })),
      ).toEqual([alices.id]);

      // Reading one grant follows the same decision.
      const peek = await request(app)
        .get(`/grants/${bobs.id}`)
        .set('authorization', as(ALICE));
      expect(peek.status).toBe(403);
    });

    it('answers 403 to revoking someone else’s grant without aws-access.grant.revoke on it', async () => {
      const { app } = await setup();
      const grant = await create(app, ALICE, 'arn:aws:s3:::alice-one');
      const res = await request(app)
        .post(`/grants/${grant.id}/revoke`)
        .set('authorization', as(DAN))
        .send({});
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      // The owner of the resource may, by the policy.
      const owned = await create(app, ALICE, CATALOGUED_BUCKET, [
        's3:PutObject',
      ]);
      const byOwner = await request(app)
        .post(`/grants/${owned.id}/revoke`)
        .set('authorization', as(BOB))
        .send({});
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.state).toBe('cancelled');
    });

    it('decides extend by aws-access.grant.extend, apart from revoke', async () => {
      const { app } = await setup({
        deniedPermissions: ['aws-access.grant.extend'],
      });
      const grant = await create(app, ALICE, 'arn:aws:s3:::alice-one');
      const extended = await request(app)
        .post(`/grants/${grant.id}/extend`)
        .set('authorization', as(ALICE))
        .send({ durationMinutes: 30 });
      expect(extended.status).toBe(403);
      const revoked = await request(app)
        .post(`/grants/${grant.id}/revoke`)
        .set('authorization', as(ALICE))
        .send({});
      expect(revoked.status).toBe(200);
    });

    it('answers 403 everywhere a permission is denied outright', async () => {
      const { app } = await setup({
        permissions: mockServices.permissions({
          result: AuthorizeResult.DENY,
        }),
      });
      const listed = await request(app).get('/grants');
      expect(listed.status).toBe(403);
      const created = await request(app)
        .post('/grants')
        .send({
          resourceArn: BUCKET,
          actions: ['s3:GetObject'],
          durationMinutes: 30,
          reason: 'work',
          accountId: HOME,
        });
      expect(created.status).toBe(403);
      expect((await request(app).get('/accounts')).status).toBe(403);
    });
  });
});
