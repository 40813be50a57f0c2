import { join } from 'node:path';
import { applySqlMigrations } from '@pocdojo/common/runtime/sql-migrations';

/** Arbitrary constant key of the advisory lock that serialises migrations ("dojo" in ASCII). */
const MIGRATION_LOCK = 0x646f6a6f;

/** Applies dojo-engine's committed SQL migrations (see {@link applySqlMigrations}). */
export function migrate(ownerUrl: string, directory = join(import.meta.dirname, 'migrations')): Promise<string[]> {
  return applySqlMigrations(ownerUrl, directory, MIGRATION_LOCK);
}
