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
import { DatabaseGrantStore } from './DatabaseGrantStore';
import { newGrant, storeOn } from './__testUtils__/grantStoreFixture';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

/** The SQL the store sends while `fn` runs. */
async function sqlDuring(knex: Knex, fn: () => Promise<unknown>) {
  const seen: string[] = [];
  const listener = (query: { sql: string }) => seen.push(query.sql);
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.removeListener('query', listener);
  }
  return seen;
}

const approvalQueries = (sql: string[]) =>
  sql.filter(s => /grant_approvals/.test(s));

describe.each(databases.eachSupportedId())(
  'DatabaseGrantStore queries (%s)',
  id => {
    let knex: Knex;
    let store: DatabaseGrantStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      store = await storeOn(knex);
    });

    it('reads no approvals for an auto-approved grant (it can have none)', async () => {
      const grant = newGrant({ approvalRequirement: { mode: 'auto' } });
      await store.insertGrant(grant, {
        type: 'requested',
        actor: 'user:default/alice',
      });
      const sql = await sqlDuring(knex, async () => {
        await store.getGrant(grant.id);
        await store.updateGrant(
          grant.id,
          { states: ['provisioning'] },
          { state: 'active' },
          { type: 'activated', toState: 'active', actor: 'system' },
        );
        await store.getGrants([grant.id]);
      });
      expect(approvalQueries(sql)).toEqual([]);
      expect(await store.getGrant(grant.id)).toMatchObject({
        state: 'active',
        approvals: [],
      });
    });

    it('still reads the approvals of a grant that needs them', async () => {
      const grant = newGrant({
        state: 'pending',
        expiresAt: undefined,
        approvalRequirement: {
          mode: 'groups',
          approverGroups: ['group:default/platform'],
          count: 2,
          ruleIndex: 0,
        },
      });
      await store.insertGrant(grant, {
        type: 'requested',
        actor: 'user:default/alice',
      });
      const approvedAt = new Date(Date.UTC(2026, 0, 1, 0, 30));
      await store.recordApproval(
        grant.id,
        { approver: 'user:default/bob', approvedAt },
        {},
        { type: 'approval-recorded', actor: 'user:default/bob' },
      );
      let read: Awaited<ReturnType<typeof store.getGrant>>;
      const sql = await sqlDuring(knex, async () => {
        read = await store.getGrant(grant.id);
      });
      expect(approvalQueries(sql)).toHaveLength(1);
      expect(read!.approvals).toEqual([
        expect.objectContaining({ approver: 'user:default/bob' }),
      ]);
    });
  },
);
