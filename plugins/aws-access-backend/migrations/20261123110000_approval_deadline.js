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
 * When a pending request times out, fixed at request time so that the
 * deadline shown to people and the one the sweep enforces are the same, even
 * if `awsAccess.approval.pendingTimeoutMinutes` changes meanwhile. Rows from
 * before this column keep timing out by the configured timeout.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('grants', table => {
    table
      .timestamp('approval_deadline', { useTz: true })
      .nullable()
      .comment('While pending: when the request times out if nobody decides');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('grants', table => {
    table.dropColumn('approval_deadline');
  });
};
