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

/**
 * Bundles: one request over several resources, approved as one decision,
 * producing one grant (one role) per account that all share one expiry.
 * The bundle row holds the decision and the shared expiry; its parts are
 * ordinary grants that name it (`grants.bundle_id`) and list every resource
 * their role covers (`grants.targets`).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_bundles', table => {
    table.string('id', 36).primary();
    table.string('requester', 255).notNullable();
    table.text('reason').notNullable();
    table.integer('duration_minutes').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .string('decision', 16)
      .notNullable()
      .comment('pending, approved, rejected or cancelled');
    table
      .text('requirements')
      .notNullable()
      .comment('JSON: every approval requirement the bundle must meet');
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.string('decided_by', 255).nullable();
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('The expiry every part shares, set when the bundle is approved');
    table.timestamp('approval_deadline', { useTz: true }).nullable();
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
    table.timestamp('approved_at', { useTz: true }).notNullable();
    table.text('comment').nullable();
    table
      .text('counts_for')
      .notNullable()
      .comment('JSON: indexes of the requirements this approval meets');
    table.primary(['bundle_id', 'approver']);
  });
  await knex.schema.alterTable('grants', table => {
    // No foreign key: SQLite would rebuild the grants table to drop it.
    table
      .string('bundle_id', 36)
      .nullable()
      .comment('The bundle this grant is one part of');
    table
      .text('targets')
      .nullable()
      .comment('JSON: every resource the role covers, with its actions');
    table.index(['bundle_id'], 'grants_bundle_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('grants', table => {
    table.dropIndex(['bundle_id'], 'grants_bundle_idx');
    table.dropColumn('bundle_id');
    table.dropColumn('targets');
  });
  await knex.schema.dropTable('access_bundle_approvals');
  await knex.schema.dropTable('access_bundles');
};
