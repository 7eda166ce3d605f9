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
 * Approvals: what a request needs (fixed when it is made), who approved it,
 * and the resource facts the approval rules and permission conditions match
 * on (owner and tags of the catalog entity, captured at request time).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('grants', table => {
    table
      .string('resource_owner', 255)
      .nullable()
      .comment('Lower-case owner entity ref of the resource, at request time');
    table
      .text('resource_tags')
      .nullable()
      .comment('JSON object of the resource tags, at request time');
    table
      .text('approval_requirement')
      .nullable()
      .comment('JSON: who must approve, and how many, fixed at request time');
    table
      .timestamp('expiry_warned_at', { useTz: true })
      .nullable()
      .comment('When the requester was warned of the coming expiry');
    table.index(['resource_owner', 'created_at'], 'grants_resource_owner_idx');
  });

  await knex.schema.createTable('grant_approvals', table => {
    table.comment('One row per person who approved a grant');
    table
      .string('grant_id', 36)
      .notNullable()
      .references('id')
      .inTable('grants')
      .onDelete('CASCADE');
    table.string('approver', 255).notNullable();
    table.text('comment').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    // An approver is counted once, even when two clicks race.
    table.primary(['grant_id', 'approver']);
  });

  await knex.schema.createTable('grant_approvers', table => {
    table.comment(
      'The groups whose members may approve a grant, for permission conditions',
    );
    table
      .string('grant_id', 36)
      .notNullable()
      .references('id')
      .inTable('grants')
      .onDelete('CASCADE');
    table.string('group_ref', 255).notNullable();
    table.primary(['grant_id', 'group_ref']);
    table.index(['group_ref'], 'grant_approvers_group_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('grant_approvers');
  await knex.schema.dropTable('grant_approvals');
  await knex.schema.alterTable('grants', table => {
    table.dropIndex(
      ['resource_owner', 'created_at'],
      'grants_resource_owner_idx',
    );
    table.dropColumn('resource_owner');
    table.dropColumn('resource_tags');
    table.dropColumn('approval_requirement');
    table.dropColumn('expiry_warned_at');
  });
};
