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
 * Break-glass grants (self-approved in an emergency) and their post-hoc
 * review: one row per such grant, written when it is requested; approvers
 * confirm or flag it later. Also what the per-user limit counts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('break_glass_reviews', table => {
    table
      .string('grant_id', 36)
      .primary()
      .references('id')
      .inTable('grants')
      .onDelete('CASCADE');
    table.string('requester', 255).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending, confirmed or flagged');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('reviewed_by', 255).nullable();
    table.timestamp('reviewed_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table.index(['requester', 'created_at'], 'break_glass_requester_idx');
    table.index(['state', 'created_at'], 'break_glass_state_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('break_glass_reviews');
};
