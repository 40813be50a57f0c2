import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@pocdojo/common/dev/embedded-postgres';
import { freePort } from '@pocdojo/common/dev/ports';
import { dropDatabase, type ProvisionedDatabase, provisionDatabase } from '@pocdojo/common/dev/postgres-admin';
import { PostgresCpu } from './postgres-cpu.ts';

/** A fresh database for one benchmark target, on the given server or an embedded one. */
export interface BenchDatabase extends ProvisionedDatabase {
  name: string;
  /** CPU of this database's Postgres backends. */
  cpu: PostgresCpu;
  /** Drops the database (and stops the embedded Postgres if one was started). */
  close(): Promise<void>;
}

/**
 * Creates database `<prefix>_<random>` with an app role, on `adminUrl` (a
 * superuser URL) or, without it, on an embedded Postgres under .data/bench-postgres.
 */
export async function openBenchDatabase(options: {
  prefix: string;
  adminUrl: string | undefined;
  log(line: string): void;
}): Promise<BenchDatabase> {
  let adminUrl = options.adminUrl;
  let stopEmbedded: (() => Promise<unknown>) | undefined;
  if (!adminUrl) {
    const port = await freePort();
    options.log(`DATABASE_URL not set: starting embedded Postgres on port ${port}`);
    const dir = join(import.meta.dirname, '..', '..', '..', '.data', 'bench-postgres');
    const embedded = await startEmbeddedPostgres({ dir, port });
    stopEmbedded = () => embedded.stop();
    adminUrl = embedded.adminUrl;
  }
  const admin = adminUrl;
  const name = `${options.prefix}_${randomBytes(4).toString('hex')}`;
  try {
    const provisioned = await provisionDatabase(admin, {
      database: name,
      appRole: `${options.prefix}_app`,
      appPassword: 'bench-app-password',
    });
    return {
      ...provisioned,
      name,
      cpu: new PostgresCpu(admin, name),
      async close() {
        await dropDatabase(admin, name).catch((error) => options.log(`dropping ${name} failed: ${error}`));
        await stopEmbedded?.();
      },
    };
  } catch (error) {
    await stopEmbedded?.();
    throw error;
  }
}
