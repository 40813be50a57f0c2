import { join } from 'node:path';
import { applySqlMigrations } from '@pocdojo/common/runtime/sql-migrations';

/** Arbitrary constant key of the advisory lock that serialises migrations ("noti" in ASCII). */
const MIGRATION_LOCK = 0x6e6f7469;

/** Applies notifier's committed SQL migrations (see {@link applySqlMigrations}). */
export function migrate(ownerUrl: string): Promise<string[]> {
  return applySqlMigrations(ownerUrl, join(import.meta.dirname, 'migrations'), MIGRATION_LOCK);
}
