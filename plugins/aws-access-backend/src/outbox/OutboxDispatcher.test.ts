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
import { Knex } from 'knex';
import {
  activate,
  eventually,
  newGrant,
  recordingReceiver,
  storeWithOutbox,
} from './__testUtils__/outboxFixture';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

describe.each(databases.eachSupportedId())('the grant outbox (%s)', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id);
  });

  const rows = () => knex('grant_outbox').orderBy('id');

  it('delivers each committed event to the receivers it concerns, right after the commit, and forgets it', async () => {
    const all = recordingReceiver('all');
    const onlyActive = recordingReceiver('only-active', {
      accepts: ['activated'],
    });
    const { store, dispatcher } = await storeWithOutbox(knex, {
      receivers: [all, onlyActive],
    });

    const grant = await store.insertGrant(newGrant(), {
      type: 'requested',
      actor: 'user:default/alice',
    });
    await activate(store, grant.id);
    // No sweep: the commit itself set delivery off.
    await dispatcher.flush();

    // Each with the grant as it was at delivery, which may be later. Two
    // commits are delivered by two claims, which may come back in either
    // order: at least once, not in order.
    expect(all.delivered.map(d => d.type).sort()).toEqual([
      'activated',
      'requested',
    ]);
    expect(all.delivered.find(d => d.type === 'activated')?.grantState).toBe(
      'active',
    );
    expect(onlyActive.delivered.map(d => d.type)).toEqual(['activated']);
    expect(await rows()).toEqual([]);
  });

  it('writes nothing for a change that rolls back', async () => {
    const all = recordingReceiver('all');
    const { store, dispatcher } = await storeWithOutbox(knex, {
      receivers: [all],
    });
    const limits = {
      maxLivePerRequester: 1,
      maxPendingPerRequester: 1,
      maxLivePerAccount: 10,
    };
    await store.insertGrant(newGrant(), { type: 'requested', actor: 'a' });

    await expect(
      store.insertGrant(newGrant(), { type: 'requested', actor: 'a' }, limits),
    ).rejects.toThrow(/live grants/);
    await dispatcher.flush();
    await dispatcher.sweep();

    expect(all.delivered).toHaveLength(1);
    expect(await knex('grant_events')).toHaveLength(1);
    expect(await rows()).toEqual([]);
  });

  it('retries a failing receiver with growing delays, without holding up the others', async () => {
    const flaky = recordingReceiver('flaky', {
      behave: attempt => (attempt <= 2 ? 'fail' : 'deliver'),
    });
    const stuck = recordingReceiver('stuck', { behave: () => 'hang' });
    const steady = recordingReceiver('steady');
    const { store, dispatcher, logger } = await storeWithOutbox(knex, {
      receivers: [flaky, stuck, steady],
      backoff: { baseMs: 200, maxMs: 10_000 },
      deliveryTimeoutMs: 5_000,
    });
    const started = Date.now();

    const grant = await store.insertGrant(newGrant(), {
      type: 'requested',
      actor: 'user:default/alice',
    });

    await eventually(() => steady.delivered.length === 1);
    // Delivered at once, while `stuck` hangs and `flaky` has failed.
    expect(steady.delivered[0].at - started).toBeLessThan(2_000);
    expect(stuck.delivered).toEqual([]);
    await eventually(() => flaky.delivered.length === 1);
    const [first, second, third] = flaky.attempts;
    // Equal jitter: at least half of 200 ms, then at least half of 400 ms.
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);
    expect(flaky.attempts).toHaveLength(3);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^Could not deliver requested \\d+ of grant ${grant.id} to flaky \\(attempt 1\\)`,
        ),
      ),
    );
    // Delivered rows are deleted; the one still hanging stays.
    await eventually(async () => (await rows()).length === 1);
    expect((await rows()).map(r => r.receiver)).toEqual(['stuck']);
    await dispatcher.stop(0);
  });

  it('retries each failed row when it is due, without a scheduled sweep', async () => {
    const once = () =>
      recordingReceiver('x', {
        behave: attempt => (attempt === 1 ? 'fail' : 'deliver'),
      });
    const receivers = [once(), once(), once()].map((r, i) => ({
      ...r,
      name: `once-${i}`,
    }));
    const { store, dispatcher } = await storeWithOutbox(knex, {
      receivers,
      backoff: { baseMs: 400, maxMs: 400 },
    });
    await store.insertGrant(newGrant(), { type: 'requested', actor: 'a' });

    // Three retries due at three moments between 200 and 400 ms from now.
    await eventually(
      () => receivers.every(r => r.delivered.length === 1),
      5_000,
    );
    await eventually(async () => (await rows()).length === 0);
    expect(receivers.map(r => r.attempts.length)).toEqual([2, 2, 2]);
    await dispatcher.stop(0);
  });

  it('counts a delivery that hangs past its timeout as failed, and retries it later', async () => {
    const stuck = recordingReceiver('stuck', {
      behave: attempt => (attempt === 1 ? 'hang' : 'deliver'),
    });
    const { store, dispatcher } = await storeWithOutbox(knex, {
      receivers: [stuck],
      deliveryTimeoutMs: 300,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    });
    await store.insertGrant(newGrant(), { type: 'requested', actor: 'a' });
    await dispatcher.flush();

    const [row] = await rows();
    expect(row).toMatchObject({ attempts: 1, claimed_by: null });
    expect(row.last_error).toMatch(/timed out/i);
    // Not due for a minute: a sweep now leaves it alone.
    expect(await dispatcher.sweep()).toBe(0);
    await knex('grant_outbox').update({ available_at: new Date(0) });
    expect(await dispatcher.sweep()).toBe(1);
    expect(stuck.delivered).toHaveLength(1);
    await dispatcher.stop(0);
  });

  it('gives up after the last attempt, logs an error and keeps the row marked', async () => {
    const broken = recordingReceiver('broken', { behave: () => 'fail' });
    const { store, dispatcher, logger } = await storeWithOutbox(knex, {
      receivers: [broken],
      maxAttempts: 3,
      backoff: { baseMs: 10, maxMs: 10 },
    });
    const grant = await store.insertGrant(newGrant(), {
      type: 'requested',
      actor: 'a',
    });

    await eventually(async () => (await rows())[0]?.gave_up_at !== null);
    await dispatcher.flush();
    await new Promise(resolve => setTimeout(resolve, 100));
    await dispatcher.sweep();

    expect(broken.attempts).toHaveLength(3);
    const [row] = await rows();
    expect(row).toMatchObject({
      attempts: 3,
      last_error: 'Error: broken is down',
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(
        `Gave up delivering requested ${row.event_id} of grant ${grant.id} to broken after 3 attempts`,
      ),
    );
    await dispatcher.stop(0);
  });

  it('leaves rows another live process holds, and takes over those whose claim lapsed', async () => {
    const all = recordingReceiver('all');
    const { store, dispatcher } = await storeWithOutbox(knex, {
      receivers: [all],
    });
    await dispatcher.stop(0);
    // Written while this process's dispatcher is stopped, as if another
    // process had written and claimed them.
    await store.insertGrant(newGrant(), { type: 'requested', actor: 'a' });
    await store.insertGrant(newGrant(), { type: 'requested', actor: 'a' });
    const [held, lapsed] = await rows();
    await knex('grant_outbox')
      .where({ id: held.id })
      .update({
        claimed_by: 'outbox-elsewhere',
        claim_expires_at: new Date(Date.now() + 60_000),
      });
    await knex('grant_outbox')
      .where({ id: lapsed.id })
      .update({
        claimed_by: 'outbox-dead',
        claim_expires_at: new Date(Date.now() - 1),
      });
    const { dispatcher: next } = await storeWithOutbox(knex, {
      receivers: [all],
    });

    expect(await next.sweep()).toBe(1);

    expect(all.delivered.map(d => d.eventId)).toEqual([
      Number(lapsed.event_id),
    ]);
    expect((await rows()).map(r => r.id)).toEqual([held.id]);
  });

  it('costs a state change one query, in its own transaction, and a batch of deliveries four', async () => {
    const receivers = ['notifications', 'audit', 'events', 'signals'].map(
      name => recordingReceiver(name),
    );
    const { store, dispatcher } = await storeWithOutbox(knex, { receivers });
    const { store: plain } = await storeWithOutbox(knex, { receivers: [] });
    const seen: string[] = [];
    const listener = (query: { sql: string }) => seen.push(query.sql);
    const during = async (work: () => Promise<unknown>) => {
      seen.length = 0;
      knex.on('query', listener);
      try {
        await work();
      } finally {
        knex.removeListener('query', listener);
      }
      return [...seen];
    };
    const change = (s: typeof store, grantId: string) => activate(s, grantId);
    const a = await plain.insertGrant(newGrant(), {
      type: 'requested',
      actor: 'a',
    });
    const b = await store.insertGrant(newGrant(), {
      type: 'requested',
      actor: 'a',
    });
    await dispatcher.flush();

    const without = await during(() => change(plain, a.id));
    let delivery: string[] = [];
    const withOutbox = await during(async () => {
      await change(store, b.id);
      const inTransaction = [...seen];
      await dispatcher.flush();
      delivery = seen.slice(inTransaction.length);
      seen.length = inTransaction.length;
    });

    const extra = withOutbox.slice();
    for (const sql of without) extra.splice(extra.indexOf(sql), 1);
    expect(extra).toEqual([
      expect.stringMatching(/^insert into .grant_outbox./),
    ]);
    // claim, events, grants, delete: one each for the whole batch (the
    // grant's approvals are read only when it can have some).
    expect(delivery).toHaveLength(4);
    expect(receivers.map(r => r.delivered.length)).toEqual([2, 2, 2, 2]);
    // eslint-disable-next-line no-console
    console.log(
      `[${id}] state change: ${without.length} queries without the outbox, ${withOutbox.length} with it; delivery of ${receivers.length} rows: ${delivery.length} queries`,
    );
  });
});
