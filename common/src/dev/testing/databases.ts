import { randomBytes } from 'node:crypto';
import { dropDatabase, type ProvisionedDatabase, provisionDatabase } from '../postgres-admin.ts';

/**
 * The superuser URL tests provision from. `npm test` sets DATABASE_URL (the
 * machine's Postgres in CI, or an embedded one it starts); running a single
 * file by hand needs it too.
 */
export function testAdminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through `npm test`, which provides a Postgres');
  return url;
}

/** A fresh database with a non-superuser app role, dropped by `drop()`. */
export async function createTestDatabase(prefix: string): Promise<ProvisionedDatabase & { drop(): Promise<void> }> {
  const database = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = testAdminUrl();
  const provisioned = await provisionDatabase(admin, {
    database,
    appRole: `${prefix}_app`,
    appPassword: 'test-app-password',
  });
  return { ...provisioned, drop: () => dropDatabase(admin, database) };
}
