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
 * The transactional outbox: one row per grant event and receiver
 * (notifications, audit, catalog events, signals), written in the
 * transaction that records the event, deleted once delivered. A row whose
 * claim lapsed (its replica died mid-delivery) is picked up again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
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
    table.timestamp('available_at', { useTz: true }).notNullable();
    table.text('last_error').nullable();
    table.string('claimed_by', 255).nullable();
    table.timestamp('claim_expires_at', { useTz: true }).nullable();
    table
      .timestamp('gave_up_at', { useTz: true })
      .nullable()
      .comment('Set when the attempts ran out; the row is kept for operators');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.unique(['event_id', 'receiver'], {
      indexName: 'grant_outbox_event_receiver_idx',
    });
    table.index(['available_at'], 'grant_outbox_available_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('grant_outbox');
};
