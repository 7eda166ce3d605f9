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

import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { RecordingProvisioner } from '../service/__testUtils__/RecordingProvisioner';
import { ALICE, BUCKET, createTestApp } from '../service/__testUtils__/testApp';

jest.setTimeout(60_000);

/**
 * The SQL of one auto-approved request, from POST /grants to the role in
 * use (issue #16: 38 queries before the one writer, 14 with it, 16 with
 * the outbox's rows written in the same transactions).
 */
describe('queries of a grant request', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  it.each(databases.eachSupportedId())(
    'makes a grant active in 16 queries on its request path, 17 with PostgreSQL’s requester lock (%s)',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      const { app } = await createTestApp({
        provisioner: new RecordingProvisioner(),
        knex,
      });
      const sql: string[] = [];
      const listener = (q: { sql: string }) => sql.push(q.sql);
      knex.on('query', listener);
      let res: request.Response;
      try {
        res = await request(app)
          .post('/grants')
          .set('authorization', mockCredentials.user.header(ALICE))
          .send({
            resourceArn: BUCKET,
            actions: ['s3:GetObject'],
            durationMinutes: 30,
            reason: 'reading the nightly report',
          });
      } finally {
        knex.removeListener('query', listener);
      }
      expect(res.status).toBe(201);
      expect(res.body.state).toBe('active');
      const plugin = sql.filter(s => !/backstage_backend_tasks/.test(s));
      // eslint-disable-next-line no-console
      if (process.env.SHOW_SQL) console.log(plugin.join('\n'));
      // The outbox delivers each committed change right after its commit,
      // off the request path: claim its rows, read the events and grants,
      // delete what was delivered.
      const delivery =
        /^(update `grant_outbox`|update "grant_outbox"|delete from [`"]grant_outbox|select .* from [`"]grant_events[`"] where [`"]id[`"] in|select \* from [`"]grants[`"] where [`"]id[`"] in)/;
      const requestPath = plugin.filter(s => !delivery.test(s));
      // The duplicate check; the insert (limits, grant with this engine's
      // claim, event, outbox rows); role-created and activated, each an
      // update and its event, activated with its outbox rows; each write
      // in its transaction. PostgreSQL adds the per-requester advisory lock.
      expect(requestPath.length).toBeLessThanOrEqual(
        databaseId.startsWith('POSTGRES') ? 17 : 16,
      );
      // Two deliveries (requested, activated) of four queries each at most.
      expect(plugin.length - requestPath.length).toBeLessThanOrEqual(8);
    },
  );
});
