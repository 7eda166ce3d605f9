import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@backstage-aws-access/plugin-aws-access-backend',
  'migrations',
);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_16'] });

  it.each(databases.eachSupportedId())(
    'migrate up and back down cleanly (%s)',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('grants')).toBe(true);
      expect(await knex.schema.hasTable('grant_events')).toBe(true);

      await knex.migrate.rollback({ directory: migrationsDir }, true);
      expect(await knex.schema.hasTable('grants')).toBe(false);
      expect(await knex.schema.hasTable('grant_events')).toBe(false);
    },
  );
});
