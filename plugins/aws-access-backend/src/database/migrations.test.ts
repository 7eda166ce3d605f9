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
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
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

async function migrateUpOnce(knex: Knex): Promise<void> {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex): Promise<void> {
  await knex.migrate.down({ directory: migrationsDir });
}

async function migrateUntilBefore(knex: Knex, target: string): Promise<void> {
  const index = migrationsFiles.indexOf(target);
  if (index === -1) {
    throw new Error(`Migration ${target} not found`);
  }
  for (let i = 0; i < index; i++) {
    await migrateUpOnce(knex);
  }
}

const isSqlite = (knex: Knex) =>
  String(knex.client.config.client).includes('sqlite');

/**
 * The tables the database holds, but knex's own: read from the database,
 * so that a table a `down` forgets shows up.
 */
async function tablesIn(knex: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> = isSqlite(knex)
    ? await knex('sqlite_master')
        .where({ type: 'table' })
        .whereNot('name', 'like', 'sqlite_%')
        .select('name')
    : await knex('information_schema.tables')
        .whereRaw('table_schema = current_schema()')
        .select({ name: 'table_name' });
  return rows
    .map(row => row.name)
    .filter(name => !name.startsWith('knex_migrations'))
    .sort();
}

/**
 * A row as both databases give it back: SQLite returns instants as epoch
 * milliseconds, PostgreSQL as dates, so both become ISO strings.
 */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value !== null && /(_at|_deadline)$/.test(column)
        ? new Date(value as Date | number | string).toISOString()
        : value,
    ]),
  );
}

async function rowsOf(knex: Knex, table: string, orderBy: string) {
  return (await knex(table).orderBy(orderBy)).map(plain);
}

const INIT = '20261201000000_init.js';

const JANE = 'user:default/jane';
const ANN = 'user:default/ann';
const now = new Date('2026-12-01T10:00:00.000Z');
const later = new Date('2026-12-01T11:00:00.000Z');

/** A grant row; the columns not given are the ones every grant has. */
function grantRow(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    state: 'pending',
    requester: JANE,
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

/** An approved bundle whose one part is an active grant. */
const bundle = {
  id: 'b1',
  requester: JANE,
  reason: 'incident 42',
  duration_minutes: 60,
  created_at: now,
  decision: 'approved',
  requirements: '[{"approverGroups":["group:default/team-a"],"count":1}]',
  decided_at: now,
  decided_by: ANN,
  expires_at: later,
  approval_deadline: later,
};
const bundleApproval = {
  bundle_id: 'b1',
  approver: ANN,
  approved_at: now,
  comment: 'go ahead',
  counts_for: '[0]',
};
const activeGrant = grantRow('g1', {
  state: 'active',
  resource_ref: 'resource:default/orders',
  resource_owner: 'group:default/team-a',
  resource_tags: '{"team":"a"}',
  approval_requirement: '{"mode":"approvers","count":1}',
  approval_deadline: later,
  approved_at: now,
  approved_by: ANN,
  activated_at: now,
  expires_at: later,
  expiry_warned_at: now,
  ended_at: null,
  role_arn: 'arn:aws:iam::123456789012:role/grant-g1',
  ends_as: null,
  last_error: 'Throttling',
  claimed_by: 'replica-1',
  claim_expires_at: later,
  bundle_id: 'b1',
  targets: '[{"resourceArn":"arn:aws:s3:::orders"}]',
});
const history = [
  {
    grant_id: 'g1',
    type: 'requested',
    from_state: null,
    to_state: 'pending',
    actor: JANE,
    reason: 'incident 42',
    data: null,
    created_at: now,
  },
  {
    grant_id: 'g1',
    type: 'approved',
    from_state: 'pending',
    to_state: 'provisioning',
    actor: ANN,
    reason: null,
    data: '{"comment":"go ahead"}',
    created_at: now,
  },
];
const approval = {
  grant_id: 'g1',
  approver: ANN,
  comment: 'go ahead',
  created_at: now,
};
/** A side effect of event `eventId` still to be delivered to `receiver`. */
const delivery = (eventId: unknown, receiver = 'notifications') => ({
  event_id: eventId,
  grant_id: 'g1',
  receiver,
  available_at: now,
  created_at: now,
});
const offboarding = {
  account_id: '210987654321',
  state: 'requested',
  requested_by: ANN,
  requested_at: now,
};

/** Every kind of row the plugin writes, about one grant and its bundle. */
async function seed(knex: Knex): Promise<void> {
  await knex('access_bundles').insert(bundle);
  await knex('access_bundle_approvals').insert(bundleApproval);
  await knex('grants').insert(activeGrant);
  await knex('grant_events').insert(history);
  const [approved] = await knex('grant_events')
    .where({ type: 'approved' })
    .select('id');
  await knex('grant_outbox').insert(delivery(approved.id));
  await knex('grant_approvals').insert(approval);
  await knex('grant_approvers').insert({
    grant_id: 'g1',
    group_ref: 'group:default/team-a',
  });
  await knex('break_glass_reviews').insert({
    grant_id: 'g1',
    requester: JANE,
    created_at: now,
  });
  await knex('account_offboardings').insert(offboarding);
  // Written as the plugin writes its signing key: the database dates it.
  await knex('settings').insert({ key: 'signing-key', value: 'abc' });
}

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  async function migratedTo(databaseId: TestDatabaseId, target: string) {
    const knex = await databases.init(databaseId);
    await migrateUntilBefore(knex, target);
    await migrateUpOnce(knex);
    return knex;
  }

  it.each(databases.eachSupportedId())(
    `${INIT} stores every row the plugin writes and drops every table on the way down, %p`,
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateUntilBefore(knex, INIT);
      await expect(tablesIn(knex)).resolves.toEqual([]);
      await migrateUpOnce(knex);

      await seed(knex);
      // Bigint ids come back from PostgreSQL as strings.
      const id = (n: number) => (isSqlite(knex) ? n : String(n));
      await expect(rowsOf(knex, 'access_bundles', 'id')).resolves.toEqual([
        plain(bundle),
      ]);
      await expect(
        rowsOf(knex, 'access_bundle_approvals', 'approver'),
      ).resolves.toEqual([plain(bundleApproval)]);
      await expect(rowsOf(knex, 'grants', 'id')).resolves.toEqual([
        plain({ ...activeGrant, attempts: 0 }),
      ]);
      await expect(rowsOf(knex, 'grant_events', 'id')).resolves.toEqual([
        { id: id(1), ...plain(history[0]) },
        { id: id(2), ...plain(history[1]) },
      ]);
      await expect(rowsOf(knex, 'grant_outbox', 'id')).resolves.toEqual([
        {
          id: id(1),
          event_id: id(2),
          grant_id: 'g1',
          receiver: 'notifications',
          attempts: 0,
          available_at: now.toISOString(),
          last_error: null,
          claimed_by: null,
          claim_expires_at: null,
          gave_up_at: null,
          created_at: now.toISOString(),
        },
      ]);
      await expect(
        rowsOf(knex, 'grant_approvals', 'approver'),
      ).resolves.toEqual([plain(approval)]);
      await expect(
        rowsOf(knex, 'grant_approvers', 'group_ref'),
      ).resolves.toEqual([
        { grant_id: 'g1', group_ref: 'group:default/team-a' },
      ]);
      await expect(
        rowsOf(knex, 'break_glass_reviews', 'grant_id'),
      ).resolves.toEqual([
        {
          grant_id: 'g1',
          requester: JANE,
          state: 'pending',
          created_at: now.toISOString(),
          reviewed_by: null,
          reviewed_at: null,
          comment: null,
        },
      ]);
      await expect(
        rowsOf(knex, 'account_offboardings', 'account_id'),
      ).resolves.toEqual([
        {
          ...plain(offboarding),
          revoked_grants: 0,
          remaining_grants: null,
          finished_at: null,
          last_error: null,
        },
      ]);
      await expect(rowsOf(knex, 'settings', 'key')).resolves.toEqual([
        { key: 'signing-key', value: 'abc', created_at: expect.any(String) },
      ]);

      await migrateDownOnce(knex);
      await expect(tablesIn(knex)).resolves.toEqual([]);

      await migrateUpOnce(knex);
      await expect(tablesIn(knex)).resolves.toEqual([
        'access_bundle_approvals',
        'access_bundles',
        'account_offboardings',
        'break_glass_reviews',
        'grant_approvals',
        'grant_approvers',
        'grant_events',
        'grant_outbox',
        'grants',
        'settings',
      ]);
      await expect(knex('grants')).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    `${INIT} refuses a second live request for the same resource and actions, but not once the first has ended, %p`,
    async databaseId => {
      const knex = await migratedTo(databaseId, INIT);
      await knex('grants').insert(grantRow('g1'));

      await expect(
        knex('grants').insert(grantRow('g2', { state: 'active' })),
      ).rejects.toThrow();
      await knex('grants').insert(grantRow('g3', { state: 'revoked' }));
      // Other actions on the same resource are another request.
      await knex('grants').insert(grantRow('g4', { actions_key: 'k2' }));

      await expect(knex('grants').orderBy('id').pluck('id')).resolves.toEqual([
        'g1',
        'g3',
        'g4',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    `${INIT} counts an approver once, on a grant and on a bundle, and an event once per receiver, %p`,
    async databaseId => {
      const knex = await migratedTo(databaseId, INIT);
      await seed(knex);

      await expect(knex('grant_approvals').insert(approval)).rejects.toThrow();
      await expect(
        knex('access_bundle_approvals').insert(bundleApproval),
      ).rejects.toThrow();
      const [{ event_id: eventId }] = await knex('grant_outbox');
      await expect(
        knex('grant_outbox').insert(delivery(eventId)),
      ).rejects.toThrow();
      await knex('grant_outbox').insert(delivery(eventId, 'audit'));
      await expect(
        knex('grant_outbox').orderBy('receiver').pluck('receiver'),
      ).resolves.toEqual(['audit', 'notifications']);
    },
  );

  it.each(databases.eachSupportedId())(
    `${INIT} deletes a grant's history, approvals, review and deliveries with it, and a bundle's approvals with the bundle, %p`,
    async databaseId => {
      const knex = await migratedTo(databaseId, INIT);
      await seed(knex);

      await knex('grants').where({ id: 'g1' }).delete();
      await knex('access_bundles').where({ id: 'b1' }).delete();

      for (const table of [
        'grant_events',
        'grant_outbox',
        'grant_approvals',
        'grant_approvers',
        'break_glass_reviews',
        'access_bundle_approvals',
      ]) {
        await expect(knex(table)).resolves.toEqual([]);
      }
      // Offboardings and settings are not about a grant.
      await expect(
        knex('account_offboardings').pluck('account_id'),
      ).resolves.toEqual([offboarding.account_id]);
      await expect(knex('settings').pluck('key')).resolves.toEqual([
        'signing-key',
      ]);
    },
  );
});
