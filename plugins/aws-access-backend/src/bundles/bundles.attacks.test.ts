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
import { IamDataActionCatalog } from '../iamActions/IamDataActionCatalog';
import {
  ALICE,
  BOB,
  CATALOGUED_BUCKET,
  DAN,
  ERIN,
  HOME,
  OTHER,
} from '../service/__testUtils__/testApp';
import {
  AUDIT_BUCKET,
  bundleBody,
  createBundleTestApp,
  MANY_BUCKETS,
  noApprovalConfig,
  SECURITY_BUCKET,
  securityApprovalConfig,
  target,
  TEAM_BUCKET,
} from './__testUtils__/bundleTestApp';

jest.setTimeout(60_000);

describe('attacks on bundles', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let t: Awaited<ReturnType<typeof createBundleTestApp>>;

    beforeEach(async () => {
      t = await createBundleTestApp({ databases, databaseId });
    });

    it('refuses a hostile ARN in one target, naming it, and creates nothing', async () => {
      for (const hostile of [
        'arn:aws:s3:::team-bucket\u0000/../security-bucket',
        '*',
        'arn:aws:s3:::*',
        'arn:aws:s3:::not-catalogued-bucket',
      ]) {
        const res = await t.post(
          '/bundles',
          bundleBody([target(TEAM_BUCKET), target(hostile)]),
          ALICE,
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^targets\.1\.resourceArn: /);
      }
      expect(await t.created()).toEqual({ bundles: 0, grants: 0 });
      expect(t.iam.calls).toEqual([]);
    });

    it("refuses another user's grant role and the access system's own roles as targets", async () => {
      // Bob's own single grant, auto-approved nowhere: approve it by hand.
      const single = await t.post(
        '/grants',
        {
          ...target(TEAM_BUCKET),
          durationMinutes: 30,
          reason: 'mine',
        },
        ALICE,
      );
      expect(single.status).toBe(201);
      expect(
        (await t.post(`/grants/${single.body.id}/approve`, {}, BOB)).status,
      ).toBe(200);
      const roleArn = (await t.get(`/grants/${single.body.id}`, ALICE)).body
        .roleArn;
      expect(roleArn).toMatch(/:role\/backstage-access\//);
      const before = await t.created();

      for (const forbidden of [
        roleArn,
        `arn:aws:iam::${HOME}:role/BackstageAccessManager`,
        `arn:aws:iam::${OTHER}:policy/BackstageAccessGrantBoundary`,
      ]) {
        const res = await t.post(
          '/bundles',
          bundleBody([
            target(SECURITY_BUCKET),
            target(forbidden, ['iam:PutRolePolicy']),
          ]),
          'user:default/bob',
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^targets\.1\.resourceArn: .*cannot be granted on/,
        );
      }
      expect(await t.created()).toEqual(before);
      expect(t.iam.callsOf('createRole')).toBe(1);
    });

    it('refuses the same resource twice', async () => {
      const res = await t.post(
        '/bundles',
        bundleBody([
          target(TEAM_BUCKET, ['s3:GetObject']),
          target(SECURITY_BUCKET),
          target(TEAM_BUCKET, ['s3:PutObject']),
        ]),
        ALICE,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^targets\.2\.resourceArn: .*team-bucket is already targets\.0/,
      );
      expect(await t.created()).toEqual({ bundles: 0, grants: 0 });
    });

    it('keeps the bundle pending when an approver of only one part approves, and provisions nothing', async () => {
      const created = await t.createBundle(
        [target(TEAM_BUCKET), target(SECURITY_BUCKET)],
        ALICE,
      );
      expect(created.state).toBe('pending');
      expect(created.grants).toHaveLength(2);
      const id = created.id;

      // Bob (team) approves: team's part of the decision is met...
      const bobs = await t.post(`/bundles/${id}/approve`, {}, BOB);
      expect(bobs.status).toBe(200);
      expect(bobs.body.state).toBe('pending');
      expect(bobs.body.requirements).toEqual([
        expect.objectContaining({ approvals: 1, count: 1 }),
        expect.objectContaining({ approvals: 0, count: 1 }),
      ]);
      // ...and approving his part alone is refused: nothing provisioned.
      const part = bobs.body.grants[0].id;
      const direct = await t.post(`/grants/${part}/approve`, {}, BOB);
      expect(direct.status).toBe(409);
      expect(direct.body.error.message).toMatch(/part of bundle/);
      // Twice does not count twice.
      expect((await t.post(`/bundles/${id}/approve`, {}, BOB)).status).toBe(
        409,
      );
      expect(t.iam.calls).toEqual([]);
      const parts = (await t.get(`/bundles/${id}`, ALICE)).body.grants;
      expect(parts.map((g: { state: string }) => g.state)).toEqual([
        'pending',
        'pending',
      ]);

      // Dan (security) completes it: both parts now, with one expiry.
      const dans = await t.post(`/bundles/${id}/approve`, {}, DAN);
      expect(dans.status).toBe(200);
      expect(dans.body.state).toBe('active');
      const expiries = new Set(
        dans.body.grants.map((g: { expiresAt: string }) => g.expiresAt),
      );
      expect([...expiries]).toEqual([dans.body.expiresAt]);
      expect(t.iam.callsOf('createRole')).toBe(2);
    });

    it('answers 403 to the requester approving their own bundle', async () => {
      const created = await t.createBundle(
        [target(TEAM_BUCKET), target(AUDIT_BUCKET)],
        BOB,
      );
      const res = await t.post(`/bundles/${created.id}/approve`, {}, BOB);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/someone else must approve/);
      expect(t.iam.calls).toEqual([]);
    });

    it('rejects the whole bundle when one required approver says no', async () => {
      const created = await t.createBundle(
        [target(TEAM_BUCKET), target(SECURITY_BUCKET)],
        ALICE,
      );
      const id = created.id;
      expect((await t.post(`/bundles/${id}/approve`, {}, BOB)).status).toBe(
        200,
      );
      const res = await t.post(`/bundles/${id}/reject`, {}, DAN);
      expect(res.status).toBe(200);
      expect(res.body.state).toBe('rejected');
      expect((await t.post(`/bundles/${id}/approve`, {}, ERIN)).status).toBe(
        409,
      );
      expect(t.iam.calls).toEqual([]);
    });

    it('refuses a bundle whose role would exceed IAM policy size, naming targets, before any IAM call', async () => {
      const catalog = await IamDataActionCatalog.create();
      // 50 object actions per bucket: each target alone fits in a role.
      const actions = catalog
        .listActions(`${MANY_BUCKETS[0]}/*`)
        .map(a => a.action)
        .slice(0, 50);
      const one = await t.post(
        '/bundles/preview',
        bundleBody([target(MANY_BUCKETS[0], actions)]),
        ALICE,
      );
      expect(one.status).toBe(200);
      const res = await t.post(
        '/bundles',
        bundleBody(MANY_BUCKETS.map(arn => target(arn, actions))),
        ALICE,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^targets: the permission policy would be \d+ characters, over IAM's limit of 10240/,
      );
      expect(await t.created()).toEqual({ bundles: 0, grants: 0 });
      expect(t.iam.calls).toEqual([]);
    });

    it('does not show a bundle to a user who may not read one of its parts', async () => {
      t = await createBundleTestApp({
        databases,
        databaseId,
        config: noApprovalConfig,
      });
      const created = await t.createBundle(
        [target(TEAM_BUCKET), target(SECURITY_BUCKET)],
        ALICE,
      );
      expect(created.state).toBe('active');
      const teamPart = created.grants.find(
        (g: { resourceArn: string }) => g.resourceArn === TEAM_BUCKET,
      );
      // Bob owns the team bucket: he may read that part...
      expect((await t.get(`/grants/${teamPart.id}`, BOB)).status).toBe(200);
      // ...but not the security bucket's, so not the bundle, nor revoke it.
      const res = await t.get(`/bundles/${created.id}`, BOB);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(SECURITY_BUCKET);
      expect(
        (await t.post(`/bundles/${created.id}/revoke`, {}, BOB)).status,
      ).toBe(403);
      expect(t.iam.callsOf('deleteRole')).toBe(0);
      expect((await t.get(`/bundles/${created.id}`, ALICE)).status).toBe(200);
    });
  });

  describe.each(databases.eachSupportedId())('races on %s', databaseId => {
    it('activates once when two approvals arrive at once: one role per account', async () => {
      const t = await createBundleTestApp({
        databases,
        databaseId,
        config: securityApprovalConfig,
      });
      const created = await t.createBundle(
        [target(TEAM_BUCKET), target(AUDIT_BUCKET), target(CATALOGUED_BUCKET)],
        ALICE,
      );
      const id = created.id;
      const answers = await Promise.all([
        t.post(`/bundles/${id}/approve`, {}, DAN),
        t.post(`/bundles/${id}/approve`, {}, ERIN),
      ]);
      const statuses = answers.map(a => a.status).sort();
      expect(statuses[0]).toBe(200);
      // The second is refused: the decision was made.
      expect([403, 409]).toContain(statuses[1]);
      const bundle = (await t.get(`/bundles/${id}`, ALICE)).body;
      expect(bundle.state).toBe('active');
      expect(bundle.approvals).toHaveLength(1);
      // Two accounts, two roles, each created once; one role covers both
      // home buckets.
      expect(t.iam.callsOf('createRole')).toBe(2);
      expect(t.iam.callsOf('putRolePolicy')).toBe(2);
      const accounts = bundle.grants.map(
        (g: { accountId: string }) => g.accountId,
      );
      expect(accounts.sort()).toEqual([HOME, OTHER].sort());
      const events = await t.knex('grant_events').where({ type: 'approved' });
      expect(events).toHaveLength(2);
    });
  });
});
