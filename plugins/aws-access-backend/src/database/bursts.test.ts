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
import { ConflictError } from '@backstage/errors';
import { GrantState } from '@backstage-aws-access/plugin-aws-access-common';
import knexFactory, { Knex } from 'knex';
import { newGrant } from '../outbox/__testUtils__/outboxFixture';
import { DatabaseGrantStore } from './DatabaseGrantStore';
import { InsertLimits } from './types';

jest.setTimeout(60_000);

/**
 * The denial of service of issue #16: one person sends many requests at
 * once. Each one waits for a lock (the requester's, or the grant's row);
 * if it waits holding a pool connection, the burst takes the whole pool,
 * and everybody else's requests, the expiry sweep and the claims fail with
 * "Timeout acquiring a connection".
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

const MALLORY = 'user:default/mallory';
const BOB = 'user:default/bob';
const LIMIT = 5;
const BURST = 20;
const limits: InsertLimits = {
  maxLivePerRequester: LIMIT,
  maxPendingPerRequester: LIMIT,
  maxLivePerAccount: 1000,
};
const requested = (actor: string, toState: GrantState = 'provisioning') => ({
  type: 'requested' as const,
  toState,
  actor,
});

/**
 * A replica's connections: on PostgreSQL a pool of 4 that gives up after a
 * second, so that a full pool fails the test rather than slowing it down
 * (Backstage's default is 10 and a minute). SQLite has one connection.
 */
async function replicaDatabase(base: Knex): Promise<Knex> {
  if (base.client.config.client !== 'pg') {
    return base;
  }
  return knexFactory({
    ...base.client.config,
    pool: { min: 0, max: 4 },
    acquireConnectionTimeout: 1_000,
  });
}

/** LIMIT requests stored; every other one refused 409, naming the limit. */
function expectExactlyTheLimit(settled: PromiseSettledResult<unknown>[]) {
  const refusals = settled.flatMap(o => (o.status === 'rejected' ? [o] : []));
  expect(settled.length - refusals.length).toBe(LIMIT);
  for (const { reason } of refusals) {
    expect(reason).toBeInstanceOf(ConflictError);
    expect(reason.message).toContain(`${LIMIT} live grants`);
  }
}

/**
 * Bob's request, the expiry sweep's query and a claim, sent while the
 * burst is under way: they are answered before the burst is over, not
 * after the last of it and not with a pool timeout.
 */
async function expectOthersServedDuring(
  store: DatabaseGrantStore,
  burst: Promise<unknown>[],
): Promise<PromiseSettledResult<unknown>[]> {
  const now = new Date();
  const soon = new Date(now.getTime() + 60_000);
  const others = Promise.all([
    store.insertGrant(newGrant({ requester: BOB }), requested(BOB), limits),
    store.listExpiring(soon, 100),
    store.claimGrants({
      owner: 'engine-1',
      until: soon,
      now,
      states: ['provisioning'],
      limit: 10,
    }),
  ]);
  const outcomes = Promise.allSettled(burst);
  const first = await Promise.race([
    others.then(() => 'others'),
    outcomes.then(() => 'burst'),
  ]);
  expect(first).toBe('others');
  const [bobs] = await others;
  expect(bobs.requester).toBe(BOB);
  return outcomes;
}

describe.each(databases.eachSupportedId())('a burst of requests (%s)', id => {
  let base: Knex;
  const replicas: Knex[] = [];

  /** A replica whose every write is slow, as on a loaded machine. */
  const replica = async () => {
    const knex = await replicaDatabase(base);
    if (knex !== base) replicas.push(knex);
    return DatabaseGrantStore.create({
      database: mockServices.database({ knex }),
      onEventsWritten: () => new Promise(resolve => setTimeout(resolve, 100)),
    });
  };

  const requests = (store: DatabaseGrantStore) =>
    Array.from({ length: BURST }, () =>
      store.insertGrant(
        newGrant({ requester: MALLORY }),
        requested(MALLORY),
        limits,
      ),
    );

  beforeEach(async () => {
    base = await databases.init(id);
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map(knex => knex.destroy()));
  });

  it('of grants from one person leaves the pool to everybody else', async () => {
    const store = await replica();
    expectExactlyTheLimit(
      await expectOthersServedDuring(store, requests(store)),
    );
    const { items } = await store.listGrants({ limit: 100 });
    expect(items.filter(g => g.requester === MALLORY)).toHaveLength(LIMIT);
  });

  it('of grants from one person at two replicas stays within the limit', async () => {
    const stores = [await replica(), await replica()];
    expectExactlyTheLimit(await Promise.allSettled(stores.flatMap(requests)));
    const { items } = await stores[0].listGrants({ limit: 100 });
    expect(items).toHaveLength(LIMIT);
  });

  it('of approvals of one grant leaves the pool to everybody else', async () => {
    const store = await replica();
    const grant = newGrant({
      requester: MALLORY,
      state: 'pending',
      expiresAt: undefined,
      approvalRequirement: {
        mode: 'groups',
        approverGroups: ['group:default/approvers'],
        count: BURST,
        ruleIndex: 0,
      },
    });
    await store.insertGrant(grant, requested(MALLORY, 'pending'), limits);
    const approvals = Array.from({ length: BURST }, (_, i) => {
      const approver = `user:default/approver-${i}`;
      return store.recordApproval(
        grant.id,
        { approver, approvedAt: new Date() },
        {},
        { type: 'approval-recorded', actor: approver },
      );
    });
    const settled = await expectOthersServedDuring(store, approvals);
    expect(settled.every(o => o.status === 'fulfilled')).toBe(true);
    expect((await store.getGrant(grant.id))?.approvals).toHaveLength(BURST);
  });
});
