import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { migrate } from '../../src/persistence/migrate.ts';

/** A fresh, migrated `dojo` database with the non-superuser app role. */
export async function createMigratedDatabase() {
  const database = await createTestDatabase('dojo');
  await migrate(database.ownerUrl);
  return database;
}
