import test from 'ava';
import { migrate } from '../../src/persistence/migrate.ts';
import { PostgresDojoStore } from '../../src/persistence/postgres-dojo-store.ts';
import { createMigratedDatabase } from '../helpers/database.ts';
import { runDojoStoreTests } from './dojo-store-conformance.ts';

const database = await createMigratedDatabase();
test.after.always(() => database.drop());

runDojoStoreTests('postgres', async () => {
  const store = new PostgresDojoStore(database.appUrl, { maxConnections: 2 });
  return { store, teardown: () => store.close() };
});

test('migrations are idempotent: a second run applies nothing', async (t) => {
  t.deepEqual(await migrate(database.ownerUrl), []);
});
