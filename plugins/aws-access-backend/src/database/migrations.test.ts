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

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@backstage-aws-access/plugin-aws-access-backend',
  'migrations',
);
const migrationsFiles = fs
  .readdirSync(migrationsDir)
  .filter(name => name.endsWith('.js'))
  .sort();

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

async function migrateUntilBefore(knex: Knex, target: string) {
  const index = migrationsFiles.indexOf(target);
  if (index === -1) {
    throw new Error(`Migration ${target} not found`);
  }
  for (let i = 0; i < index; i++) {
    await migrateUpOnce(knex);
  }
}

const TABLES = ['grants', 'grant_events', 'grant_approvals', 'grant_approvers'];

const now = new Date('2026-11-24T10:00:00Z');

/** A grant row with the columns every grant has. */
function grantRow(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    state: 'pending',
    requester: 'user:default/jane',
    resource_arn: 'arn:aws:s3:::orders',
    resource_type: 's3:bucket',
    account_id: '123456789012',
    region: '',
    actions: '["s3:GetObject"]',
    actions_key: 'k1',
    reason: 'debugging an order',
    duration_minutes: 60,
    created_at: now,
    updated_at: now,
    role_name: `grant-${id}`,
    policy_name: 'grant',
    trust_principal_arns: '["arn:aws:iam::123456789012:user/jane"]',
    statements: '[]',
    ...overrides,
  };
}

async function columns(knex: Knex, table: string): Promise<string[]> {
  return Object.keys(await knex(table).columnInfo()).sort();
}

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  it.each(databases.eachSupportedId())(
    '20261123000000_init.js creates the first release: one live request per action set, each approver once, history with its grant (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUntilBefore(knex, '20261123000000_init.js');
      await migrateUpOnce(knex);

      await knex('grants').insert(grantRow('g1'));
      await knex('grant_events').insert({
        grant_id: 'g1',
        type: 'requested',
        to_state: 'pending',
        actor: 'user:default/jane',
        created_at: now,
      });
      // The same requester, resource and actions may not be live twice...
      await expect(
        knex('grants').insert(grantRow('g2', { state: 'active' })),
      ).rejects.toThrow();
      // ...but may be asked again once the first has ended.
      await knex('grants').insert(grantRow('g3', { state: 'revoked' }));
      expect(
        (await knex('grants').select('id').orderBy('id')).map(r => r.id),
      ).toEqual(['g1', 'g3']);
      // An approver is counted once, even when two clicks race.
      const approval = {
        grant_id: 'g1',
        approver: 'user:default/ann',
        created_at: now,
      };
      await knex('grant_approvals').insert(approval);
      await expect(knex('grant_approvals').insert(approval)).rejects.toThrow();
      await knex('grant_approvers').insert({
        grant_id: 'g1',
        group_ref: 'group:default/team-a',
      });
      await knex('break_glass_reviews').insert({
        grant_id: 'g1',
        requester: 'user:default/jane',
        created_at: now,
      });
      expect(
        await knex('break_glass_reviews').where({ grant_id: 'g1' }).first(),
      ).toMatchObject({ state: 'pending' });
      // History, approvals and reviews go with their grant.
      await knex('grants').where({ id: 'g1' }).delete();
      for (const table of [
        'grant_events',
        'grant_approvals',
        'grant_approvers',
        'break_glass_reviews',
      ]) {
        expect(Number((await knex(table).count({ n: '*' }))[0].n)).toBe(0);
      }

      await migrateDownOnce(knex);
      for (const table of [...TABLES, 'break_glass_reviews', 'settings']) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'every migration goes up and all the way back down (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
      expect(await columns(knex, 'grants')).toEqual(
        expect.arrayContaining([
          'resource_owner',
          'approval_deadline',
          'resource_ref',
        ]),
      );

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      for (const table of TABLES) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
      await knex.destroy();
    },
  );
});
