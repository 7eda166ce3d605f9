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
