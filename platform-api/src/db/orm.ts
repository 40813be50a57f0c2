import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { Attachment } from './entities/Attachment.ts';
import { Dojo } from './entities/Dojo.ts';
import { Job } from './entities/Job.ts';
import { OutboxEvent } from './entities/OutboxEvent.ts';
import { Poc } from './entities/Poc.ts';
import { RefreshToken } from './entities/RefreshToken.ts';
import { Tenant } from './entities/Tenant.ts';
import { TenantKata } from './entities/TenantKata.ts';
import { User } from './entities/User.ts';
import { reclaimLostConnections } from './lost-connections.ts';
import { bindMigrationContext, type MigrationContext } from './migration-context.ts';
import { migrations } from './migrations/index.ts';

export const entities = [Tenant, User, RefreshToken, Poc, Attachment, OutboxEvent, TenantKata, Dojo, Job];

/** Connects as `url` (the non-superuser app role in production). */
export async function openOrm(
  url: string,
  options: { poolMax?: number; migrationContext?: MigrationContext } = {},
): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: url,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: bindMigrationContext(migrations, options.migrationContext),
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      snapshot: false,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    driverOptions: { onPoolCreated: (pool: pg.Pool) => reclaimLostConnections(pool) },
    debug: false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
  });
}

/**
 * Applies committed migrations with the owner role (`DATABASE_OWNER_URL`). The context
 * (keys) defaults to the environment's, as in the cluster's migration Job.
 */
export async function migrate(ownerUrl: string, context?: MigrationContext): Promise<void> {
  const orm = await openOrm(ownerUrl, { poolMax: 1, migrationContext: context });
  try {
    await orm.migrator.up();
  } finally {
    await orm.close(true);
  }
}
