// @ts-check

/**
 * Installation-wide values every replica must agree on, such as the key that
 * signs onboarding template links (one replica signs, another may serve).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('settings', table => {
    table.string('key', 100).primary().comment('What the value is for');
    table.text('value').notNullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('settings');
};
