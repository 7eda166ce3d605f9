// @ts-check

/**
 * The catalogued resource a grant targets (or sits under, for an object
 * prefix), fixed at request time: titles, role names and the catalog's
 * `dependsOn` come from it, never from a path the requester typed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('grants', table => {
    table
      .string('resource_ref', 255)
      .nullable()
      .comment(
        'Entity ref of the catalogued resource the grant is on or under',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('grants', table => {
    table.dropColumn('resource_ref');
  });
};
