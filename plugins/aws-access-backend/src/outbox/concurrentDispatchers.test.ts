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
import knexFactory, { Knex } from 'knex';
import {
  Delivery,
  newGrant,
  recordingReceiver,
  storeWithOutbox,
} from './__testUtils__/outboxFixture';
import { OutboxReceiver } from './types';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_16'] });

/** Receivers that take a moment, so that two dispatchers' batches overlap. */
function slowReceivers(record: Array<Delivery & { by: string }>, by: string) {
  return ['notifications', 'signals'].map(name => {
    const inner = recordingReceiver(name);
    const receiver: OutboxReceiver = {
      ...inner,
      async deliver(event, grant) {
        await new Promise(resolve => setTimeout(resolve, Math.random() * 5));
        await inner.deliver(event, grant);
        record.push({ ...inner.delivered[inner.delivered.length - 1], by });
      },
    };
    return receiver;
  });
}

describe.each(databases.eachSupportedId())(
  'two replicas on one database (%s)',
  id => {
    let knexA: Knex;
    let knexB: Knex;

    beforeEach(async () => {
      knexA = await databases.init(id);
      // The second replica has a connection pool of its own.
      knexB = knexFactory(knexA.client.config);
    });

    afterEach(async () => {
      await knexB.destroy();
    });

    it('never deliver the same row twice', async () => {
      const { store, dispatcher: writer } = await storeWithOutbox(knexA, {
        receivers: slowReceivers([], 'writer'),
      });
      // Written by a process that died before delivering anything.
      await writer.stop(0);
      for (let i = 0; i < 60; i++) {
        await store.insertGrant(newGrant(), { type: 'requested', actor: 'a' });
      }
      expect(await knexA('grant_outbox')).toHaveLength(120);

      const delivered: Array<Delivery & { by: string }> = [];
      const replica = async (knex: Knex, by: string) =>
        (
          await storeWithOutbox(knex, {
            receivers: slowReceivers(delivered, by),
            batchSize: 7,
          })
        ).dispatcher;
      const [a, b] = [await replica(knexA, 'a'), await replica(knexB, 'b')];
      for (let round = 0; round < 5; round++) {
        await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
      }

      const keys = delivered.map(d => `${d.eventId}/${d.receiver}`);
      expect(keys).toHaveLength(120);
      expect(new Set(keys).size).toBe(120);
      expect(await knexA('grant_outbox')).toEqual([]);
      const byA = delivered.filter(d => d.by === 'a').length;
      // eslint-disable-next-line no-console
      console.log(`[${id}] replica a delivered ${byA}, b ${120 - byA}`);
    });
  },
);
