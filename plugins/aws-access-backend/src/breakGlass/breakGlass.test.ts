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

import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditorService } from '@backstage/backend-plugin-api';
import { BreakGlassReviews } from './BreakGlass';
import request from 'supertest';
import {
  as,
  accessConfig,
  ALICE,
  BOB,
  BUCKET,
  CAROL,
  CATALOGUED_BUCKET,
  appPerTest,
  HOME,
  OTHER,
  SECURITY,
  TEAM,
} from '../service/__testUtils__/testApp';

jest.setTimeout(60_000);
const MALLORY = 'user:default/mallory';

/** Production (OTHER) allows break-glass under the owner; the sandbox's writes go to security without it. */
const config = {
  awsAccess: {
    ...accessConfig.awsAccess,
    maxDurationMinutes: 120,
    breakGlass: { maxDurationMinutes: 30, maxPerUser: 2, period: { days: 1 } },
    approval: {
      rules: [
        {
          accountIds: [HOME],
          accessLevels: ['List', 'Read'],
          approvers: 'auto',
        },
        { accountIds: [OTHER], approvers: 'owner', breakGlass: true },
        { accountIds: [HOME], approvers: 'groups', groups: [SECURITY] },
      ],
    },
  },
};

const EMERGENCY = 'payments are failing in production, incident INC-4711';

const ask = (patch: object = {}) => ({
  resourceArn: CATALOGUED_BUCKET,
  actions: ['s3:PutObject'],
  durationMinutes: 20,
  reason: EMERGENCY,
  breakGlass: { confirmed: true },
  ...patch,
});

describe('break-glass', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const send = jest.fn(async () => {});
    const events: Array<{
      eventId: string;
      severityLevel?: string;
      meta?: any;
    }> = [];
    const auditor: AuditorService = {
      async createEvent(options) {
        events.push(options as any);
        return { async success() {}, async fail() {} };
      },
    };

    beforeEach(() => {
      send.mockClear();
      events.length = 0;
    });
    const t = appPerTest(databases, {
      databaseId,
      config,
      notifications: { send },
      auditor,
    });

    const post = (path: string, body: object, who = ALICE) =>
      request(t.app).post(path).set('authorization', as(who)).send(body);
    const review = (grantId: string, body: object, who = ALICE) =>
      post(`/break-glass/reviews/${grantId}`, body, who);
    const queue = (who: string, query = '') =>
      request(t.app)
        .get(`/break-glass/reviews${query}`)
        .set('authorization', as(who));

    it('is active at once, marked, notifies the approvers, and waits for review', async () => {
      const preview = await post('/grants/preview', ask());
      expect(preview.status).toBe(200);
      expect(preview.body.breakGlass).toEqual({
        allowed: true,
        maxDurationMinutes: 30,
      });

      const res = await post('/grants', ask());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'active',
        breakGlass: true,
        approvedBy: `${ALICE} (break-glass)`,
        roleArn: expect.any(String),
      });
      const got = await request(t.app)
        .get(`/grants/${res.body.id}`)
        .set('authorization', as(ALICE));
      expect(got.body.breakGlass).toBe(true);
      expect(got.body.events[0].data.approval).toMatchObject({
        breakGlass: true,
      });

      await t.flushNotifications();
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: [TEAM],
            excludeEntityRef: ALICE,
          },
          payload: expect.objectContaining({
            title: expect.stringMatching(/^Break-glass: /),
            severity: 'critical',
          }),
        }),
      );

      // The owner and admins see it in the queue; the requester and others do not.
      const bobs = await queue(BOB);
      expect(bobs.status).toBe(200);
      expect(bobs.body.items).toHaveLength(1);
      expect(bobs.body.items[0]).toMatchObject({
        grant: { id: res.body.id, breakGlass: true },
        review: { state: 'pending', requester: ALICE },
      });
      expect((await queue(CAROL)).body.items).toHaveLength(1);
      expect((await queue(ALICE)).body.items).toEqual([]);
      expect((await queue(MALLORY)).body.items).toEqual([]);

      // Reviewing: never by the requester or a stranger; once.
      expect(
        (
          await review(res.body.id, {
            decision: 'confirm',
          })
        ).status,
      ).toBe(403);
      expect(
        (await review(res.body.id, { decision: 'confirm' }, MALLORY)).status,
      ).toBe(403);
      const flagged = await review(
        res.body.id,
        { decision: 'flag', comment: 'no incident by that number' },
        BOB,
      );
      expect(flagged.status).toBe(200);
      expect(flagged.body.review).toMatchObject({
        state: 'flagged',
        reviewedBy: BOB,
        comment: 'no incident by that number',
      });
      expect(events).toContainEqual(
        expect.objectContaining({
          eventId: 'break-glass-review',
          severityLevel: 'high',
          meta: expect.objectContaining({ decision: 'flagged', reviewer: BOB }),
        }),
      );
      const again = await review(res.body.id, { decision: 'confirm' }, CAROL);
      expect(again.status).toBe(409);
      expect((await queue(BOB)).body.items).toEqual([]);
      expect(
        (await queue(BOB, '?state=flagged')).body.items.map(
          (i: any) => i.grant.id,
        ),
      ).toEqual([res.body.id]);
    });

    it.each([
      [
        'without the confirmation',
        { breakGlass: {} },
        /breakGlass\.confirmed must be true/,
      ],
      [
        'with confirmed false',
        { breakGlass: { confirmed: false } },
        /breakGlass\.confirmed must be true/,
      ],
      [
        'with confirmed "yes"',
        { breakGlass: { confirmed: 'yes' } },
        /breakGlass\.confirmed must be true/,
      ],
      ['with a short reason', { reason: 'urgent!!' }, /at least 20 characters/],
      [
        'with a reason padded by spaces',
        { reason: `urgent${' '.repeat(30)}` },
        /at least 20 characters|reason/,
      ],
      [
        'for longer than the break-glass cap',
        { durationMinutes: 31 },
        /at most 30 minutes/,
      ],
      [
        'under a rule without break-glass',
        { resourceArn: BUCKET },
        /no approval rule allows break-glass/,
      ],
      [
        'where no approval is needed',
        { resourceArn: BUCKET, actions: ['s3:GetObject'] },
        /needs no approval/,
      ],
      [
        'with an unknown field',
        { breakGlass: { confirmed: true, approver: BOB } },
        /unknown field/,
      ],
    ])(
      'is refused %s with a 400, before any IAM call',
      async (_, patch, message) => {
        const res = await post('/grants', ask(patch));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(t.iam.calls).toEqual([]);
        await t.flushNotifications();
        expect(send).not.toHaveBeenCalled();
      },
    );

    it('is limited per user per period', async () => {
      for (const action of ['s3:PutObject', 's3:DeleteObject']) {
        const res = await post('/grants', ask({ actions: [action] }));
        expect(res.status).toBe(201);
      }
      const third = await post(
        '/grants',
        ask({ actions: ['s3:PutObjectTagging'] }),
      );
      expect(third.status).toBe(409);
      expect(third.body.error.message).toMatch(
        /used break-glass 2 times in the last 24 hours \(the limit is 2\)/,
      );
      // The ordinary way is still open.
      const { breakGlass: _, ...plain } = ask({
        actions: ['s3:PutObjectTagging'],
      });
      const pending = await post('/grants', plain);
      expect(pending.status).toBe(201);
      expect(pending.body.state).toBe('pending');
      expect(pending.body.breakGlass).toBeUndefined();
    });

    it('lets exactly the limit through when break-glass requests arrive at once', async () => {
      const actions = [
        's3:PutObject',
        's3:DeleteObject',
        's3:PutObjectTagging',
        's3:DeleteObjectTagging',
        's3:PutObjectAcl',
        's3:RestoreObject',
      ];
      const answers = await Promise.all(
        actions.map(action => post('/grants', ask({ actions: [action] }))),
      );
      expect(answers.map(r => r.status).sort()).toEqual([
        201, 201, 409, 409, 409, 409,
      ]);
      for (const refused of answers.filter(r => r.status === 409)) {
        expect(refused.body.error.message).toMatch(/the limit is 2/);
      }
      // Nothing of the refused ones was written.
      expect(await t.knex('grants').where({ requester: ALICE })).toHaveLength(
        2,
      );
      expect(await t.knex('break_glass_reviews')).toHaveLength(2);
    });

    it('leaves no grant when its break-glass review cannot be written', async () => {
      const recordUse = BreakGlassReviews.prototype.recordUse;
      const spy = jest
        .spyOn(BreakGlassReviews.prototype, 'recordUse')
        .mockImplementationOnce(async function fail(
          this: BreakGlassReviews,
          ...args
        ) {
          await recordUse.apply(this, args);
          throw new Error('the review could not be written');
        });
      try {
        const res = await post('/grants', ask());
        expect(res.status).toBeGreaterThanOrEqual(400);
      } finally {
        spy.mockRestore();
      }
      expect(await t.knex('grants')).toEqual([]);
      expect(await t.knex('break_glass_reviews')).toEqual([]);
      expect(t.iam.calls).toEqual([]);
    });

    it('lists the review queue in a few queries, however many reviews a reviewer may not see', async () => {
      for (const requester of [ALICE, CAROL, 'user:default/dan']) {
        for (const action of ['s3:PutObject', 's3:DeleteObject']) {
          const res = await post(
            '/grants',
            ask({ actions: [action] }),
            requester,
          );
          expect(res.status).toBe(201);
        }
      }
      // The requests' notices are delivered first: their queries are not the queue's.
      await t.flushNotifications();
      const sql: string[] = [];
      const listener = (q: { sql: string }) => sql.push(q.sql);
      t.knex.on('query', listener);
      let res: request.Response;
      try {
        res = await queue(MALLORY);
      } finally {
        t.knex.removeListener('query', listener);
      }
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
      expect(sql.length).toBeLessThanOrEqual(3);
    });

    it('resolves the credentials once per request', async () => {
      const res = await post('/grants', ask());
      const lookups = jest.spyOn(t.httpAuth, 'credentials');
      expect((await queue(BOB)).status).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(1);
      lookups.mockClear();
      const confirmed = await review(res.body.id, { decision: 'confirm' }, BOB);
      expect(confirmed.status).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(1);
    });

    it('answers bad review input with 400 and unknown grants with 404', async () => {
      const res = await post('/grants', ask());
      for (const [body, message] of [
        [{ decision: 'ok' }, /^decision must be confirm or flag$/],
        [{}, /^decision must be confirm or flag$/],
        [{ decision: 'flag', comment: 7 }, /^comment must be a string$/],
        [{ decision: 'flag', grantId: 'x' }, /unknown field\(s\): grantId/],
      ] as const) {
        const bad = await review(res.body.id, body, BOB);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(message);
      }
      for (const [query, message] of [
        ['?state=nope', /^state must be one of pending, confirmed, flagged$/],
        ['?state=pending&state=nope', /^state must be one of/],
        ['?limit=0', /^limit must be at least 1$/],
        ['?limit=201', /^limit must be at most 200$/],
        ['?limit=many', /^limit must be a number$/],
        ['?cursor=-1', /^cursor is not one this API gave out$/],
        ['?reviewer=x', /unknown field\(s\): reviewer/],
      ] as const) {
        const bad = await queue(BOB, query);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(message);
      }
      // Nothing was reviewed by the bad requests.
      expect((await queue(BOB)).body.items).toEqual([
        expect.objectContaining({
          review: expect.objectContaining({ state: 'pending' }),
        }),
      ]);
      expect(
        (
          await post(
            '/break-glass/reviews/00000000-0000-4000-8000-000000000000',
            { decision: 'confirm' },
            CAROL,
          )
        ).status,
      ).toBe(404);
      // An ordinary grant is no break-glass grant.
      const { breakGlass: _, ...plain } = ask({ actions: ['s3:DeleteObject'] });
      const ordinary = await post('/grants', plain);
      expect(
        (await review(ordinary.body.id, { decision: 'confirm' }, CAROL)).status,
      ).toBe(404);
    });
  });
});
