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
import { ALICE, BOB } from '../service/__testUtils__/testApp';
import {
  createBundleTestApp,
  noApprovalConfig,
  SECURITY_BUCKET,
  target,
  TEAM_BUCKET,
} from './__testUtils__/bundleTestApp';

jest.setTimeout(60_000);

const VERBS = ['approve', 'reject', 'cancel', 'revoke', 'extend'];
const bodyOf = (verb: string) =>
  verb === 'extend' ? { durationMinutes: 30 } : {};

describe('who may see and change a bundle', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('refuses a caller the policy denies with 403 before reading the bundle', async () => {
    const t = await createBundleTestApp({
      databases,
      databaseId: 'SQLITE_3',
      deniedPermissions: [
        'aws-access.grant.read',
        'aws-access.grant.revoke',
        'aws-access.grant.extend',
        'aws-access.grant.approve',
      ],
    });
    const created = await t.createBundle([target(TEAM_BUCKET)], ALICE);
    const loads = jest.spyOn(t.bundles, 'mustGet');
    const reads = jest.spyOn(t.store, 'getGrants');

    const seen = await t.get(`/bundles/${created.id}`, ALICE);
    expect(seen.status).toBe(403);
    for (const verb of VERBS) {
      const res = await t.post(
        `/bundles/${created.id}/${verb}`,
        bodyOf(verb),
        ALICE,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `you may not ${verb} bundle ${created.id}`,
      );
    }
    // Nobody learns from the answer whether the bundle exists.
    expect((await t.get('/bundles/nope', ALICE)).status).toBe(403);
    expect(loads).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
    expect(t.iam.calls).toEqual([]);
  });

  it('decides on every part with one permission call and reads the bundle once', async () => {
    const t = await createBundleTestApp({
      databases,
      databaseId: 'SQLITE_3',
      config: noApprovalConfig,
    });
    const created = await t.createBundle(
      [target(TEAM_BUCKET), target(SECURITY_BUCKET)],
      ALICE,
    );
    expect(created.grants).toHaveLength(2);
    expect(created.state).toBe('active');
    const decisions = jest.spyOn(t.permissions, 'authorizeConditional');
    const loads = jest.spyOn(t.bundles, 'mustGet');

    expect((await t.get(`/bundles/${created.id}`, ALICE)).status).toBe(200);
    expect(decisions).toHaveBeenCalledTimes(1);
    expect(loads).toHaveBeenCalledTimes(1);

    // Bob owns the team bucket only: the part he may not read hides all.
    decisions.mockClear();
    const hidden = await t.get(`/bundles/${created.id}`, BOB);
    expect(hidden.status).toBe(403);
    expect(decisions).toHaveBeenCalledTimes(1);

    // A change acts on the bundle as authorized; the answer is read after it.
    decisions.mockClear();
    loads.mockClear();
    const revoked = await t.post(`/bundles/${created.id}/revoke`, {}, ALICE);
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    expect(t.iam.callsOf('deleteRole')).toBe(2);
    expect(decisions).toHaveBeenCalledTimes(1);
    expect(loads).toHaveBeenCalledTimes(2);
  });

  it('resolves the credentials once per change', async () => {
    const t = await createBundleTestApp({ databases, databaseId: 'SQLITE_3' });
    const created = await t.createBundle([target(TEAM_BUCKET)], ALICE);
    const lookups = jest.spyOn(t.httpAuth, 'credentials');
    const res = await t.post(`/bundles/${created.id}/revoke`, {}, ALICE);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('answers 400 naming the field for a bad change body, before reading the bundle', async () => {
    const t = await createBundleTestApp({ databases, databaseId: 'SQLITE_3' });
    const loads = jest.spyOn(t.bundles, 'mustGet');
    for (const [verb, body, field] of [
      ['extend', { durationMinutes: 'long' }, /^durationMinutes/],
      ['extend', {}, /^durationMinutes is required/],
      ['approve', { comment: 7 }, /^comment/],
      ['revoke', { reason: ['x'] }, /^reason/],
      ['cancel', { requester: BOB }, /unknown field\(s\): requester/],
    ] as const) {
      const res = await t.post(`/bundles/nope/${verb}`, body, ALICE);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(field);
    }
    expect(loads).not.toHaveBeenCalled();
  });
});
