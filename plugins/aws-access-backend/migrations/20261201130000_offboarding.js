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
 * Offboarding requests: one row per account, the latest request. The HTTP
 * call records it; a scheduled task revokes the account's grants and
 * records its progress here, which the admin polls.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('account_offboardings', table => {
    table.string('account_id', 12).primary();
    table
      .string('state', 16)
      .notNullable()
      .comment('requested, running, done or failed');
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.integer('revoked_grants').notNullable().defaultTo(0);
    table.integer('remaining_grants').nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('last_error').nullable();
    table.index(['state'], 'account_offboardings_state_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('account_offboardings');
};
