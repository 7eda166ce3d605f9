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
import { ConflictError, InputError } from '@backstage/errors';
import { DatabaseGrantStore } from './DatabaseGrantStore';
import { newGrant, storeOn } from './__testUtils__/grantStoreFixture';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

const requested = { type: 'requested' as const, actor: 'user:default/alice' };

describe.each(databases.eachSupportedId())('DatabaseGrantStore (%s)', id => {
  let store: DatabaseGrantStore;

  beforeEach(async () => {
    const knex = await databases.init(id);
    store = await storeOn(knex);
  });

  it('round-trips a grant with its first event', async () => {
    const grant = newGrant();
    const stored = await store.insertGrant(grant, {
      ...requested,
      toState: 'provisioning',
      reason: 'debugging',
      data: { actions: grant.actions },
    });
    expect(stored).toMatchObject({
      ...grant,
      attempts: 0,
      updatedAt: grant.createdAt,
    });
    expect(stored.expiresAt?.toISOString()).toBe(
      grant.expiresAt!.toISOString(),
    );
    const events = await store.listEvents(grant.id);
    expect(events).toEqual([
      {
        id: expect.any(Number),
        grantId: grant.id,
        type: 'requested',
        toState: 'provisioning',
        actor: 'user:default/alice',
        reason: 'debugging',
        data: { actions: ['s3:GetObject'] },
        createdAt: grant.createdAt.toISOString(),
      },
    ]);
  });

  it('refuses a second live grant for the same requester, resource and action set', async () => {
    const first = newGrant({ actions: ['s3:GetObject', 's3:ListBucket'] });
    await store.insertGrant(first, requested);
    const again = newGrant({
      resourceArn: first.resourceArn,
      actions: ['s3:ListBucket', 's3:GetObject'],
    });
    await expect(store.insertGrant(again, requested)).rejects.toThrow(
      ConflictError,
    );
    await expect(store.insertGrant(again, requested)).rejects.toThrow(first.id);
    expect(await store.getGrant(again.id)).toBeUndefined();

    // Another requester, or the same one once the first grant has ended, may.
    await store.insertGrant(
      newGrant({
        resourceArn: first.resourceArn,
        actions: first.actions,
        requester: 'user:default/bob',
      }),
      requested,
    );
    await store.updateGrant(first.id, {}, { state: 'revoked' });
    await expect(store.insertGrant(again, requested)).resolves.toMatchObject({
      id: again.id,
    });
  });

  it('lists newest first with filters and cursor pagination', async () => {
    const grants = [];
    for (let i = 0; i < 7; i++) {
      const grant = newGrant({
        requester: i % 2 ? 'user:default/bob' : 'user:default/alice',
        accountId: i < 5 ? '123456789012' : '210987654321',
        state: i === 3 ? 'active' : 'provisioning',
      });
      grants.push(grant);
      await store.insertGrant(grant, requested);
    }
    const newestFirst = [...grants].reverse().map(g => g.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listGrants({ limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map(g => g.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);

    const bob = await store.listGrants({
      limit: 10,
      requester: 'user:default/bob',
    });
    expect(bob.items.map(g => g.id)).toEqual([
      grants[5].id,
      grants[3].id,
      grants[1].id,
    ]);
    expect(bob.nextCursor).toBeUndefined();

    const states = await store.listGrants({ limit: 10, state: ['active'] });
    expect(states.items.map(g => g.id)).toEqual([grants[3].id]);

    const account = await store.listGrants({
      limit: 10,
      accountId: '210987654321',
    });
    expect(account.items.map(g => g.id)).toEqual([grants[6].id, grants[5].id]);

    const resource = await store.listGrants({
      limit: 10,
      resourceArn: grants[2].resourceArn,
    });
    expect(resource.items.map(g => g.id)).toEqual([grants[2].id]);

    await expect(
      store.listGrants({ limit: 10, cursor: 'not-a-cursor' }),
    ).rejects.toThrow(InputError);
  });

  it('applies an update and its event only when the condition holds', async () => {
    const grant = newGrant();
    await store.insertGrant(grant, requested);
    const now = new Date(Date.UTC(2026, 0, 1, 0, 30));

    const refused = await store.updateGrant(
      grant.id,
      { states: ['active'] },
      { state: 'revoking' },
      { type: 'revoke-requested', toState: 'revoking', actor: 'x' },
      now,
    );
    expect(refused).toBeUndefined();

    const updated = await store.updateGrant(
      grant.id,
      { states: ['provisioning'] },
      { state: 'active', activatedAt: now, roleArn: 'arn:aws:iam::1:role/x' },
      { type: 'activated', toState: 'active', actor: 'system' },
      now,
    );
    expect(updated).toMatchObject({
      state: 'active',
      activatedAt: now,
      roleArn: 'arn:aws:iam::1:role/x',
      updatedAt: now,
    });
    const events = await store.listEvents(grant.id);
    expect(events.map(e => [e.type, e.fromState, e.toState])).toEqual([
      ['requested', undefined, undefined],
      ['activated', 'provisioning', 'active'],
    ]);

    // Only grants that have expired by "now" may be expired.
    expect(
      await store.updateGrant(
        grant.id,
        { states: ['active'], expiresAtOrBefore: now },
        { state: 'revoking' },
      ),
    ).toBeUndefined();
    expect(
      await store.updateGrant(
        grant.id,
        { states: ['active'], expiresAtOrBefore: grant.expiresAt },
        { state: 'revoking', endsAs: 'expired' },
      ),
    ).toMatchObject({ state: 'revoking', endsAs: 'expired' });
  });

  it('lets one owner at a time claim a grant, until the claim lapses', async () => {
    const grant = newGrant();
    await store.insertGrant(grant, requested);
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const states: ['provisioning'] = ['provisioning'];

    const a = await store.claimGrant(grant.id, {
      owner: 'a',
      until,
      now,
      states,
    });
    expect(a).toMatchObject({ claimedBy: 'a', claimExpiresAt: until });
    expect(
      await store.claimGrant(grant.id, { owner: 'b', until, now, states }),
    ).toBeUndefined();
    // Renewing one's own claim works.
    expect(
      await store.claimGrant(grant.id, { owner: 'a', until, now, states }),
    ).toBeDefined();
    // Updates that require "nobody" claiming are refused meanwhile.
    expect(
      await store.updateGrant(
        grant.id,
        { claimedBy: null },
        { state: 'revoking' },
      ),
    ).toBeUndefined();
    // After the lease, b may take over.
    const later = new Date(until.getTime() + 1);
    expect(
      await store.claimGrant(grant.id, {
        owner: 'b',
        until: new Date(later.getTime() + 60_000),
        now: later,
        states,
      }),
    ).toMatchObject({ claimedBy: 'b' });
    await store.releaseClaim(grant.id, 'a'); // not a's any more: no effect
    expect((await store.getGrant(grant.id))?.claimedBy).toBe('b');
    await store.releaseClaim(grant.id, 'b');
    expect((await store.getGrant(grant.id))?.claimedBy).toBeUndefined();
    // Grants in other states are never claimed.
    expect(
      await store.claimGrant(grant.id, {
        owner: 'a',
        until,
        now,
        states: ['revoking'],
      }),
    ).toBeUndefined();
  });

  it('claims batches so that concurrent claimers never share a grant', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const grant = newGrant({ state: i % 3 ? 'provisioning' : 'revoking' });
      ids.push(grant.id);
      await store.insertGrant(grant, requested);
    }
    await store.insertGrant(newGrant({ state: 'active' }), requested);
    const now = new Date();
    const until = new Date(now.getTime() + 60_000);
    const results = await Promise.all(
      ['a', 'b', 'c'].map(owner =>
        store.claimGrants({
          owner,
          until,
          now,
          states: ['provisioning', 'revoking'],
          limit: 5,
        }),
      ),
    );
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...ids].sort());
    expect(
      await store.claimGrants({
        owner: 'd',
        until,
        now,
        states: ['provisioning', 'revoking'],
        limit: 5,
      }),
    ).toEqual([]);
  });

  it('lists active grants expiring by a time, soonest first', async () => {
    const soon = newGrant({
      state: 'active',
      expiresAt: new Date(Date.UTC(2026, 0, 1, 0, 5)),
    });
    const sooner = newGrant({
      state: 'active',
      expiresAt: new Date(Date.UTC(2026, 0, 1, 0, 1)),
    });
    const later = newGrant({
      state: 'active',
      expiresAt: new Date(Date.UTC(2026, 0, 1, 5)),
    });
    const notActive = newGrant({
      state: 'revoked',
      expiresAt: new Date(Date.UTC(2026, 0, 1, 0, 1)),
    });
    for (const g of [soon, sooner, later, notActive]) {
      await store.insertGrant(g, requested);
    }
    expect(
      await store.listExpiring(new Date(Date.UTC(2026, 0, 1, 1)), 10),
    ).toEqual([
      { id: sooner.id, expiresAt: sooner.expiresAt },
      { id: soon.id, expiresAt: soon.expiresAt },
    ]);
  });

  it('lists pending grants past their stored deadline', async () => {
    const at = (hour: number) => new Date(Date.UTC(2026, 0, 1, hour));
    const pending = { state: 'pending' as const, expiresAt: undefined };
    const overdue = newGrant({ ...pending, approvalDeadline: at(2) });
    // Requested early but given a long deadline: not due yet.
    const waiting = newGrant({ ...pending, approvalDeadline: at(8) });
    const decided = newGrant({ state: 'rejected', approvalDeadline: at(2) });
    for (const g of [overdue, waiting, decided]) {
      await store.insertGrant(g, requested);
    }
    const due = (now: Date) =>
      store
        .listPendingDue({ now, limit: 10 })
        .then(grants => grants.map(g => g.id));

    expect(await due(at(1))).toEqual([]);
    expect(await due(at(3))).toEqual([overdue.id]);
    expect(await due(at(8))).toEqual([overdue.id, waiting.id]);
    expect((await store.getGrant(waiting.id))?.approvalDeadline).toEqual(at(8));
  });

  it('appends events without changing the grant', async () => {
    const grant = newGrant();
    await store.insertGrant(grant, requested);
    await store.appendEvent(grant.id, {
      type: 'orphan-removed',
      actor: 'system',
      reason: 'role had no live grant',
      data: { roleName: grant.roleName },
    });
    const events = await store.listEvents(grant.id);
    expect(events[1]).toMatchObject({
      type: 'orphan-removed',
      data: { roleName: grant.roleName },
    });
    expect((await store.getGrant(grant.id))?.state).toBe('provisioning');
  });
});
