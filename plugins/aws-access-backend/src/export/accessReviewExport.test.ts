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
import request from 'supertest';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import {
  as,
  accessConfig,
  ALICE,
  BOB,
  BUCKET,
  CAROL,
  CATALOGUED_BUCKET,
  appPerTest,
  createTestApp,
  HOME,
  OTHER,
} from '../service/__testUtils__/testApp';
import { csvCell } from './accessReviewExport';

jest.setTimeout(60_000);

const config = {
  awsAccess: {
    ...accessConfig.awsAccess,
    approval: {
      rules: [
        { accountIds: [HOME], approvers: 'auto' },
        { accountIds: [OTHER], approvers: 'owner', breakGlass: true },
      ],
    },
  },
};

describe('access review export', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = () => new Date(Date.now() + 60_000).toISOString();

    const t = appPerTest(databases, { databaseId, config });

    const post = (path: string, body: object, who = ALICE) =>
      request(t.app).post(path).set('authorization', as(who)).send(body);
    const exportAs = (who: string, query: Record<string, string>) =>
      request(t.app)
        .get('/export/grants')
        .query(query)
        .set('authorization', as(who));

    async function seed() {
      const revoked = await post('/grants', {
        resourceArn: BUCKET,
        actions: ['s3:GetObject'],
        durationMinutes: 30,
        reason: '=HYPERLINK("http://evil.example","click")',
      });
      await post(`/grants/${revoked.body.id}/revoke`, { reason: 'done' });
      const approved = await post('/grants', {
        resourceArn: CATALOGUED_BUCKET,
        actions: ['s3:PutObject'],
        durationMinutes: 30,
        reason: 'load the new invoices, ticket 12',
      });
      await post(`/grants/${approved.body.id}/approve`, { comment: 'ok' }, BOB);
      const breakGlass = await post('/grants', {
        resourceArn: CATALOGUED_BUCKET,
        actions: ['s3:DeleteObject'],
        durationMinutes: 30,
        reason: 'payments are failing, incident INC-4711',
        breakGlass: { confirmed: true },
      });
      await post(
        `/break-glass/reviews/${breakGlass.body.id}`,
        { decision: 'flag' },
        BOB,
      );
      return {
        revoked: revoked.body.id,
        approved: approved.body.id,
        breakGlass: breakGlass.body.id,
      };
    }

    it('gives admins who, what, why, approved by whom, how it ended and break-glass', async () => {
      const ids = await seed();
      const res = await exportAs(CAROL, { from, to: to() });
      expect(res.status).toBe(200);
      const byId = Object.fromEntries(
        res.body.items.map((r: any) => [r.grantId, r]),
      );
      expect(res.body.items.map((r: any) => r.grantId)).toEqual([
        ids.breakGlass,
        ids.approved,
        ids.revoked,
      ]);
      expect(byId[ids.revoked]).toMatchObject({
        requester: ALICE,
        resourceArn: BUCKET,
        accountId: HOME,
        actions: 's3:GetObject',
        approvedBy: 'auto',
        state: 'revoked',
        endedBy: ALICE,
        endReason: 'done',
        breakGlass: false,
      });
      expect(byId[ids.approved]).toMatchObject({
        approvedBy: BOB,
        approvals: expect.stringMatching(/^user:default\/bob at \d{4}-/),
        state: 'active',
        endedBy: '',
      });
      expect(byId[ids.breakGlass]).toMatchObject({
        approvedBy: `${ALICE} (break-glass)`,
        breakGlass: true,
        breakGlassReview: 'flagged',
        breakGlassReviewedBy: BOB,
      });
    });

    it('writes CSV that a spreadsheet will not run, and pages', async () => {
      const ids = await seed();
      const first = await exportAs(CAROL, {
        from,
        to: to(),
        format: 'csv',
        limit: '2',
      });
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toMatch(/^text\/csv/);
      expect(first.headers['content-disposition']).toMatch(
        /^attachment; filename="aws-access-review-/,
      );
      const lines = first.text.trim().split('\r\n');
      expect(lines[0]).toMatch(/^grantId,requester,resourceArn,/);
      expect(lines).toHaveLength(3);
      const cursor = first.headers['x-next-cursor'];
      expect(cursor).toBeTruthy();
      const second = await exportAs(CAROL, {
        from,
        to: to(),
        format: 'csv',
        limit: '2',
        cursor,
      });
      const rest = second.text.trim().split('\r\n');
      expect(rest).toHaveLength(2);
      expect(rest[1]).toContain(ids.revoked);
      // The formula is text, not a formula.
      expect(rest[1]).toContain(
        `"'=HYPERLINK(""http://evil.example"",""click"")"`,
      );
      expect(second.headers['x-next-cursor']).toBeUndefined();
    });

    it('keeps to the period', async () => {
      await seed();
      const before = await exportAs(CAROL, {
        from: new Date(Date.parse(from) - 86_400_000).toISOString(),
        to: from,
      });
      expect(before.status).toBe(200);
      expect(before.body.items).toEqual([]);
      const after = await exportAs(CAROL, {
        from: to(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(after.body.items).toEqual([]);
    });

    it('is for admins only, and follows the read permission', async () => {
      await seed();
      for (const who of [ALICE, BOB]) {
        const res = await exportAs(who, { from, to: to() });
        expect(res.status).toBe(403);
      }
      const { app: denied } = await createTestApp({
        provisioner: new RecordingProvisioner(),
        knex: await databases.init(databaseId),
        config,
        deniedPermissions: ['aws-access.grant.read'],
      });
      const res = await request(denied)
        .get('/export/grants')
        .query({ from, to: to() })
        .set('authorization', as(CAROL));
      expect(res.status).toBe(403);
    });

    it.each([
      [{}, /from is required/],
      [
        { from: 'yesterday', to: '2026-01-01' },
        /from must be an ISO-8601 time/,
      ],
      [{ from: '2026-01-02', to: '2026-01-01' }, /to must be later than from/],
      [{ from: '2020-01-01', to: '2026-01-01' }, /at most 400 days/],
      [
        { from: '2026-01-01', to: '2026-01-02', format: 'xlsx' },
        /format must be json or csv/,
      ],
      [{ from: '2026-01-01', to: '2026-01-02', limit: '0' }, /limit must be/],
      [{ from: '2026-01-01', to: '2026-01-02', cursor: 'garbage' }, /cursor/],
      [
        { from: '2026-01-01', to: '2026-01-02', limit: 'all' },
        /^limit must be a number$/,
      ],
      [
        { from: ['2026-01-01', '2026-02-01'], to: '2026-03-01' },
        /^from must be an ISO-8601 time$/,
      ],
      [
        { from: '2026-01-01', to: '2026-01-02', requester: 'x' },
        /unknown field\(s\): requester/,
      ],
    ])('answers %j with a 400', async (query, message) => {
      const res = await exportAs(CAROL, query as Record<string, string>);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  it('quotes cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell(30)).toBe('30');
    expect(csvCell(true)).toBe('true');
  });
});
