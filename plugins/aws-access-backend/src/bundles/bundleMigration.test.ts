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

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@backstage-aws-access/plugin-aws-access-backend',
  'migrations',
);
const BUNDLES = '20261201140000_bundles.js';
const now = new Date('2026-12-01T12:00:00Z');

describe(`migration ${BUNDLES}`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  it.each(databases.eachSupportedId())(
    'keeps existing grants as single grants, stores bundles with their approvals, and goes back down (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Up to this migration only: later ones are theirs to test.
      const applied = async () => {
        const [done] = await knex.migrate.list({ directory: migrationsDir });
        return done.map((m: string | { name: string }) =>
          typeof m === 'string' ? m : m.name,
        );
      };
      while (!(await applied()).includes(BUNDLES)) {
        await knex.migrate.up({ directory: migrationsDir });
      }
      const grant = (id: string, extra: object = {}) => ({
        id,
        state: 'pending',
        requester: 'user:default/jane',
        resource_arn: `arn:aws:s3:::${id}`,
        resource_type: 's3:bucket',
        account_id: '123456789012',
        region: '',
        actions: '["s3:GetObject"]',
        actions_key: id,
        reason: 'r',
        duration_minutes: 60,
        created_at: now,
        updated_at: now,
        role_name: `grant-${id}`,
        policy_name: 'grant',
        trust_principal_arns: '[]',
        statements: '[]',
        ...extra,
      });
      await knex('grants').insert(grant('single'));
      await knex('access_bundles').insert({
        id: 'b1',
        requester: 'user:default/jane',
        reason: 'r',
        duration_minutes: 60,
        created_at: now,
        decision: 'pending',
        requirements: '[]',
      });
      await knex('grants').insert(
        grant('part', { bundle_id: 'b1', targets: '[{"resourceArn":"a"}]' }),
      );
      const row = { bundle_id: 'b1', approved_at: now, counts_for: '[0]' };
      await knex('access_bundle_approvals').insert({ ...row, approver: 'a' });
      // One approval per person and bundle.
      await expect(
        knex('access_bundle_approvals').insert({ ...row, approver: 'a' }),
      ).rejects.toThrow();
      expect(
        await knex('grants').where({ bundle_id: 'b1' }).select('id'),
      ).toEqual([{ id: 'part' }]);
      expect(
        (await knex('grants').where({ id: 'single' }).first()).bundle_id,
      ).toBeNull();

      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('access_bundles')).toBe(false);
      expect(await knex.schema.hasColumn('grants', 'bundle_id')).toBe(false);
      expect(
        (await knex('grants').select('id').orderBy('id')).map(r => r.id),
      ).toEqual(['part', 'single']);
      await knex.destroy();
    },
  );
});
