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
import { Knex } from 'knex';
import { WrittenGrantEvent } from '../outbox/types';
import { provisioningGrant } from '../service/__testUtils__/RecordingProvisioner';
import { DatabaseGrantStore } from './DatabaseGrantStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });
const requested = { type: 'requested' as const, actor: 'user:default/alice' };

describe.each(databases.eachSupportedId())(
  'DatabaseGrantStore onEventsWritten (%s)',
  id => {
    let knex: Knex;
    let written: WrittenGrantEvent[];
    let failNext: boolean;
    let store: DatabaseGrantStore;

    beforeEach(async () => {
      knex = await databases.init(id);
      written = [];
      failNext = false;
      store = await DatabaseGrantStore.create({
        database: mockServices.database({ knex }),
        onEventsWritten: async (tx, events) => {
          // Inside the transaction: the rows are visible to it.
          const ids = events.map(e => e.id);
          const seen = await tx('grant_events').whereIn('id', ids);
          if (seen.length !== ids.length) {
            throw new Error(`the hook saw ${seen.length} of ${ids.length}`);
          }
          if (failNext) throw new Error('outbox is full');
          written.push(...events);
        },
      });
    });

    it('hands the outbox the id of every history row, as listed later', async () => {
      const grant = await store.insertGrant(provisioningGrant(), requested);
      await store.updateGrant(
        grant.id,
        { states: ['provisioning'] },
        { roleArn: 'arn:aws:iam::123456789012:role/x' },
        { type: 'role-created', actor: 'system' },
      );
      await store.updateGrant(
        grant.id,
        { states: ['provisioning'] },
        { state: 'active' },
        { type: 'activated', toState: 'active', actor: 'system' },
      );
      const history = await store.listEvents(grant.id);
      expect(written).toEqual(
        history.map(e => ({ id: e.id, grantId: grant.id, type: e.type })),
      );
      expect(written.map(e => e.type)).toEqual([
        'requested',
        'role-created',
        'activated',
      ]);
    });

    it('writes nothing of a change whose outbox write fails', async () => {
      const grant = await store.insertGrant(provisioningGrant(), requested);
      failNext = true;
      await expect(
        store.updateGrant(
          grant.id,
          { states: ['provisioning'] },
          { state: 'active' },
          { type: 'activated', toState: 'active', actor: 'system' },
        ),
      ).rejects.toThrow('outbox is full');
      expect((await store.getGrant(grant.id))?.state).toBe('provisioning');
      expect((await store.listEvents(grant.id)).map(e => e.type)).toEqual([
        'requested',
      ]);

      const refused = provisioningGrant();
      await expect(store.insertGrant(refused, requested)).rejects.toThrow(
        'outbox is full',
      );
      expect(await store.getGrant(refused.id)).toBeUndefined();
    });

    it('changes a grant with one UPDATE ... RETURNING, no read before or after', async () => {
      const grant = await store.insertGrant(provisioningGrant(), requested);
      const sql: string[] = [];
      const listener = (q: { sql: string }) => sql.push(q.sql);
      knex.on('query', listener);
      const updated = await store.updateGrant(
        grant.id,
        { states: ['provisioning'], claimedBy: null },
        { state: 'active' },
        { type: 'activated', toState: 'active', actor: 'system' },
      );
      knex.removeListener('query', listener);
      expect(updated?.state).toBe('active');
      // Leaves out the transaction's edges and the test hook's own read.
      const statements = sql.filter(
        s => !/^(begin|commit|select \* from .grant_events. where)/i.test(s),
      );
      expect(statements).toEqual([
        expect.stringMatching(/^update .grants. .* returning \*$/),
        expect.stringMatching(/^insert into .grant_events. /),
      ]);
    });
  },
);
