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
import { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import request from 'supertest';
import {
  ALICE,
  as,
  BOB,
  CATALOGUED_BUCKET,
  HOME,
  OTHER,
} from '../service/__testUtils__/testApp';
import {
  AUDIT_BUCKET,
  bundleBody,
  createBundleTestApp,
  SECURITY_BUCKET,
  target,
  TEAM_BUCKET,
} from './__testUtils__/bundleTestApp';

jest.setTimeout(60_000);

const autoConfig = {
  awsAccess: {
    accounts: [
      { accountId: HOME, name: 'home', regions: ['us-east-1'] },
      { accountId: OTHER, name: 'other', regions: ['eu-west-1'] },
    ],
    maxDurationMinutes: 720,
  },
};

describe('the bundle routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let t: Awaited<ReturnType<typeof createBundleTestApp>>;

  beforeEach(async () => {
    t = await createBundleTestApp({ databases, databaseId: 'SQLITE_3' });
  });

  it.each([
    [{}, /^targets is required/],
    [bundleBody([]), /targets must name at least one resource/],
    [
      bundleBody(Array.from({ length: 21 }, () => target(TEAM_BUCKET))),
      /targets may name at most 20 resources/,
    ],
    [bundleBody([{ resourceArn: TEAM_BUCKET }]), /^targets\.0\.actions/],
    [
      bundleBody([target(TEAM_BUCKET), { ...target(AUDIT_BUCKET), x: 1 }]),
      /^targets\.1/,
    ],
    [
      { ...bundleBody([]), targets: ['arn:aws:s3:::team-bucket'] },
      /^targets\.0/,
    ],
    [
      { ...bundleBody([target(TEAM_BUCKET)]), durationMinutes: 100_000 },
      /^durationMinutes/,
    ],
    [{ ...bundleBody([target(TEAM_BUCKET)]), reason: '' }, /^reason/],
    [{ ...bundleBody([target(TEAM_BUCKET)]), requester: BOB }, /requester/],
  ])('answers 400 naming the field for %j', async (body, message) => {
    for (const path of ['/bundles', '/bundles/preview']) {
      const res = await t.post(path, body, ALICE);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
    }
    expect(await t.created()).toEqual({ bundles: 0, grants: 0 });
  });

  it('answers 400 to a body that is not JSON, and 404 to unknown bundles', async () => {
    const broken = await request(t.app)
      .post('/bundles')
      .set('authorization', as(ALICE))
      .set('content-type', 'application/json')
      .send('{"targets": [');
    expect(broken.status).toBe(400);
    expect((await t.get('/bundles/nope', ALICE)).status).toBe(404);
    for (const verb of ['approve', 'reject', 'cancel', 'revoke', 'extend']) {
      const body = verb === 'extend' ? { durationMinutes: 30 } : {};
      const res = await t.post(`/bundles/nope/${verb}`, body, ALICE);
      expect(res.status).toBe(404);
    }
  });

  it('answers 400 to bad decision and extension bodies, naming the field', async () => {
    const created = await t.createBundle([target(TEAM_BUCKET)], ALICE);
    const id = created.id;
    const comment = await t.post(`/bundles/${id}/approve`, { comment: 7 }, BOB);
    expect(comment.status).toBe(400);
    expect(comment.body.error.message).toMatch(/^comment/);
    const extend = await t.post(
      `/bundles/${id}/extend`,
      { durationMinutes: 'long' },
      ALICE,
    );
    expect(extend.status).toBe(400);
    expect(extend.body.error.message).toMatch(/^durationMinutes/);
  });

  it('previews one part per account with who must approve, creating nothing', async () => {
    const res = await t.post(
      '/bundles/preview',
      bundleBody([
        target(TEAM_BUCKET),
        target(AUDIT_BUCKET, ['s3:ListBucket']),
        target(SECURITY_BUCKET),
      ]),
      ALICE,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.parts.map((p: { accountId: string }) => p.accountId),
    ).toEqual([HOME, OTHER]);
    expect(res.body.parts[0].permissionPolicy.Statement).toHaveLength(2);
    expect(res.body.parts[0].targets).toHaveLength(2);
    expect(res.body.approval).toMatchObject({
      mode: 'owner',
      approverGroups: ['group:default/team', 'group:default/security'],
    });
    expect(res.body.requirements).toHaveLength(2);
    expect(await t.created()).toEqual({ bundles: 0, grants: 0 });
  });

  it('lets the requester cancel a pending bundle; its parts are listed with bundleId and targets', async () => {
    const created = await t.createBundle(
      [target(TEAM_BUCKET), target(CATALOGUED_BUCKET)],
      ALICE,
    );
    const id = created.id;
    const listed = await t.get('/grants', ALICE);
    const parts = listed.body.items.filter((g: Grant) => g.bundleId === id);
    expect(parts).toHaveLength(2);
    expect(
      parts.flatMap((g: Grant) => g.targets!.map(x => x.resourceArn)),
    ).toEqual(expect.arrayContaining([TEAM_BUCKET, CATALOGUED_BUCKET]));
    // A part cannot be cancelled alone, only with its bundle.
    expect(
      (await t.post(`/grants/${parts[0].id}/cancel`, {}, ALICE)).status,
    ).toBe(409);
    const cancelled = await t.post(`/bundles/${id}/cancel`, {}, ALICE);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await t.post(`/bundles/${id}/cancel`, {}, ALICE)).status).toBe(200);
    expect(t.iam.calls).toEqual([]);
  });

  it('extends every part of an active bundle to one new expiry, IAM first', async () => {
    t = await createBundleTestApp({
      databases,
      databaseId: 'SQLITE_3',
      config: autoConfig,
    });
    const created = await t.createBundle(
      [target(TEAM_BUCKET), target(SECURITY_BUCKET)],
      ALICE,
    );
    expect(created.state).toBe('active');
    const before = new Date(created.expiresAt).getTime();
    const res = await t.post(
      `/bundles/${created.id}/extend`,
      { durationMinutes: 30 },
      ALICE,
    );
    expect(res.status).toBe(200);
    expect(new Date(res.body.expiresAt).getTime()).toBe(before + 30 * 60_000);
    expect(new Set(res.body.grants.map((g: Grant) => g.expiresAt))).toEqual(
      new Set([res.body.expiresAt]),
    );
    expect(t.iam.callsOf('updateExpiry')).toBe(2);
    // A part alone cannot be extended: the expiry is shared.
    const part = res.body.grants[0].id;
    expect(
      (await t.post(`/grants/${part}/extend`, { durationMinutes: 30 }, ALICE))
        .status,
    ).toBe(409);
  });
});
