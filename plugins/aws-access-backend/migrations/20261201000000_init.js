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

// @ts-check

/** Every table, children first: the order in which `down` drops them. */
const TABLES = [
  'grant_outbox',
  'access_bundle_approvals',
  'access_bundles',
  'account_offboardings',
  'settings',
  'break_glass_reviews',
  'grant_approvers',
  'grant_approvals',
  'grant_events',
  'grants',
];

/**
 * The grant a row belongs to: the row goes when its grant does.
 *
 * @param {import('knex').Knex.CreateTableBuilder} table
 */
const grantIdOf = table =>
  table
    .string('grant_id', 36)
    .references('id')
    .inTable('grants')
    .onDelete('CASCADE');

/**
 * Every timestamp is stored with its time zone, so that both databases give
 * back the instant the engine wrote.
 *
 * @param {import('knex').Knex.CreateTableBuilder} table
 * @param {string} column
 */
const timestampTz = (table, column) => table.timestamp(column, { useTz: true });

/**
 * Grants and what hangs off them: their append-only history, their
 * approvals and approver groups, and break-glass reviews.
 *
 * @param {import('knex').Knex} knex
 */
async function createGrants(knex) {
  await knex.schema.createTable('grants', table => {
    table.comment('Time-bound IAM access grants, one IAM role each');
    table.string('id', 36).primary().notNullable();
    table.string('state', 32).notNullable();
    table.string('requester', 255).notNullable();
    table.string('resource_arn', 2048).notNullable();
    table.string('resource_type', 255).notNullable();
    table
      .string('resource_ref', 255)
      .nullable()
      .comment('Entity ref of the resource the grant is on or under');
    table
      .string('resource_owner', 255)
      .nullable()
      .comment('Lower-case owner entity ref of the resource, at request time');
    table
      .text('resource_tags')
      .nullable()
      .comment('JSON object of the resource tags, at request time');
    table.string('account_id', 12).notNullable();
    table.string('region', 64).notNullable();
    table.text('actions').notNullable().comment('JSON array, sorted');
    table
      .string('actions_key', 64)
      .notNullable()
      .comment('Hash of the sorted action set, to find identical requests');
    table.text('reason').notNullable();
    table.integer('duration_minutes').notNullable();
    timestampTz(table, 'created_at').notNullable();
    timestampTz(table, 'updated_at').notNullable();
    table
      .text('approval_requirement')
      .nullable()
      .comment('JSON: who must approve, and how many, fixed at request time');
    timestampTz(table, 'approval_deadline')
      .nullable()
      .comment('While pending: when the request times out if nobody decides');
    timestampTz(table, 'approved_at').nullable();
    table.string('approved_by', 255).nullable();
    timestampTz(table, 'activated_at').nullable();
    timestampTz(table, 'expires_at').nullable();
    timestampTz(table, 'expiry_warned_at')
      .nullable()
      .comment('When the requester was warned of the coming expiry');
    timestampTz(table, 'ended_at').nullable();
    table.string('role_name', 64).notNullable();
    table.string('policy_name', 128).notNullable();
    table.string('role_arn', 2048).nullable();
    table
      .text('trust_principal_arns')
      .notNullable()
      .comment('JSON array of principals the role trusts');
    table
      .text('statements')
      .notNullable()
      .comment('JSON permission statements, fixed at request time');
    table
      .string('ends_as', 32)
      .nullable()
      .comment('While revoking: the terminal state to reach');
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table
      .string('claimed_by', 64)
      .nullable()
      .comment('Engine instance working on the grant');
    timestampTz(table, 'claim_expires_at').nullable();
    // Not a foreign key: bundle rows are never deleted, and the grant store
    // knows nothing of the bundles' tables.
    table
      .string('bundle_id', 36)
      .nullable()
      .comment('The bundle this grant is one part of');
    table
      .text('targets')
      .nullable()
      .comment('JSON: every resource the role covers, with its actions');

    table.index(['created_at', 'id'], 'grants_created_idx');
    table.index(['state', 'created_at'], 'grants_state_idx');
    table.index(['requester', 'created_at'], 'grants_requester_idx');
    table.index(['account_id', 'created_at'], 'grants_account_idx');
    table.index(['resource_arn'], 'grants_resource_idx');
    table.index(['state', 'expires_at'], 'grants_expiry_idx');
    table.index(['resource_owner', 'created_at'], 'grants_resource_owner_idx');
    table.index(['bundle_id'], 'grants_bundle_idx');
  });

  // One live grant per requester, resource and action set: a second identical
  // request is a conflict, even when two arrive at the same moment.
  await knex.raw(
    `CREATE UNIQUE INDEX grants_live_request_uniq ON grants (requester, resource_arn, actions_key) WHERE state IN ('pending', 'provisioning', 'active')`,
  );

  await knex.schema.createTable('grant_events', table => {
    table.comment('Append-only history of every grant transition');
    table.bigIncrements('id').primary();
    grantIdOf(table).notNullable();
    table.string('type', 64).notNullable();
    table.string('from_state', 32).nullable();
    table.string('to_state', 32).nullable();
    table.string('actor', 255).notNullable();
    table.text('reason').nullable();
    table.text('data').nullable().comment('JSON details');
    timestampTz(table, 'created_at').notNullable();
    table.index(['grant_id', 'id'], 'grant_events_grant_idx');
  });

  await knex.schema.createTable('grant_approvals', table => {
    table.comment('One row per person who approved a grant');
    grantIdOf(table).notNullable();
    table.string('approver', 255).notNullable();
    table.text('comment').nullable();
    timestampTz(table, 'created_at').notNullable();
    // An approver is counted once, even when two clicks race.
    table.primary(['grant_id', 'approver']);
  });

  await knex.schema.createTable('grant_approvers', table => {
    table.comment(
      'The groups whose members may approve a grant, for permission conditions',
    );
    grantIdOf(table).notNullable();
    table.string('group_ref', 255).notNullable();
    table.primary(['grant_id', 'group_ref']);
    table.index(['group_ref'], 'grant_approvers_group_idx');
  });

  await knex.schema.createTable('break_glass_reviews', table => {
    table.comment('The post-hoc review of each break-glass grant');
    grantIdOf(table).primary();
    table.string('requester', 255).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending, confirmed or flagged');
    timestampTz(table, 'created_at').notNullable();
    table.string('reviewed_by', 255).nullable();
    timestampTz(table, 'reviewed_at').nullable();
    table.text('comment').nullable();
    table.index(['requester', 'created_at'], 'break_glass_requester_idx');
    table.index(['state', 'created_at'], 'break_glass_state_idx');
  });
}

/**
 * The plugin's own settings, and offboarding requests: one row per account,
 * the latest request. The HTTP call records it; a scheduled task revokes the
 * account's grants and records its progress here, which the admin polls.
 *
 * @param {import('knex').Knex} knex
 */
async function createSettingsAndOffboardings(knex) {
  await knex.schema.createTable('settings', table => {
    table.comment(
      'Values the plugin keeps for itself, e.g. its installation id',
    );
    table.string('key', 100).primary().comment('What the value is for');
    table.text('value').notNullable();
    timestampTz(table, 'created_at').notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('account_offboardings', table => {
    table.string('account_id', 12).primary();
    table
      .string('state', 16)
      .notNullable()
      .comment('requested, running, done or failed');
    table.string('requested_by', 255).notNullable();
    timestampTz(table, 'requested_at').notNullable();
    table.integer('revoked_grants').notNullable().defaultTo(0);
    table.integer('remaining_grants').nullable();
    timestampTz(table, 'finished_at').nullable();
    table.text('last_error').nullable();
    table.index(['state'], 'account_offboardings_state_idx');
  });
}

/**
 * Bundles: one request over several resources, approved as one decision,
 * producing one grant (one role) per account that all share one expiry.
 * The bundle row holds the decision and the shared expiry; its parts are
 * ordinary grants that name it (`grants.bundle_id`) and list every resource
 * their role covers (`grants.targets`).
 *
 * @param {import('knex').Knex} knex
 */
async function createBundles(knex) {
  await knex.schema.createTable('access_bundles', table => {
    table.string('id', 36).primary();
    table.string('requester', 255).notNullable();
    table.text('reason').notNullable();
    table.integer('duration_minutes').notNullable();
    timestampTz(table, 'created_at').notNullable();
    table
      .string('decision', 16)
      .notNullable()
      .comment('pending, approved, rejected or cancelled');
    table
      .text('requirements')
      .notNullable()
      .comment('JSON: every approval requirement the bundle must meet');
    timestampTz(table, 'decided_at').nullable();
    table.string('decided_by', 255).nullable();
    timestampTz(table, 'expires_at')
      .nullable()
      .comment('The expiry every part shares, set when the bundle is approved');
    timestampTz(table, 'approval_deadline').nullable();
    table.index(['requester', 'created_at'], 'access_bundles_requester_idx');
  });

  await knex.schema.createTable('access_bundle_approvals', table => {
    table
      .string('bundle_id', 36)
      .notNullable()
      .references('id')
      .inTable('access_bundles')
      .onDelete('CASCADE');
    table.string('approver', 255).notNullable();
    timestampTz(table, 'approved_at').notNullable();
    table.text('comment').nullable();
    table
      .text('counts_for')
      .notNullable()
      .comment('JSON: indexes of the requirements this approval meets');
    table.primary(['bundle_id', 'approver']);
  });
}

/**
 * The transactional outbox: one row per grant event and receiver
 * (notifications, audit, catalog events, signals), written in the
 * transaction that records the event, deleted once delivered. A row whose
 * claim lapsed (its replica died mid-delivery) is picked up again.
 *
 * @param {import('knex').Knex} knex
 */
async function createOutbox(knex) {
  await knex.schema.createTable('grant_outbox', table => {
    table.comment('Side effects of grant events still to be delivered');
    table.bigIncrements('id').primary();
    table
      .bigInteger('event_id')
      .notNullable()
      .references('id')
      .inTable('grant_events')
      .onDelete('CASCADE');
    table.string('grant_id', 36).notNullable();
    table.string('receiver', 64).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    timestampTz(table, 'available_at').notNullable();
    table.text('last_error').nullable();
    table.string('claimed_by', 255).nullable();
    timestampTz(table, 'claim_expires_at').nullable();
    timestampTz(table, 'gave_up_at')
      .nullable()
      .comment('Set when the attempts ran out; the row is kept for operators');
    timestampTz(table, 'created_at').notNullable();
    table.unique(['event_id', 'receiver'], {
      indexName: 'grant_outbox_event_receiver_idx',
    });
    table.index(['available_at'], 'grant_outbox_available_idx');
  });
}

/**
 * The schema of the first release.
 *
 * Timestamps are written by the engine (never database defaults, except
 * `settings.created_at`), so SQLite and PostgreSQL hold the same values and
 * the same code reads both.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await createGrants(knex);
  await createSettingsAndOffboardings(knex);
  await createBundles(knex);
  await createOutbox(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of TABLES) {
    await knex.schema.dropTable(table);
  }
};
