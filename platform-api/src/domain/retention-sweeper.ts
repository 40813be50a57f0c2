import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@pocdojo/common/logger';
import type { ObjectStore } from '../adapters/object-store.ts';
import { inSystemScope } from '../db/tenant-scope.ts';
import { sweepExpiredPersonalDataExports } from './personal-data-exports.ts';

/** How often the sweeper looks for expired data; retention is counted in days, so hourly is plenty. */
const SWEEP_INTERVAL_MS = 3_600_000;
/** Most jobs one sweep removes, so a first sweep over a large backlog stays a short transaction. */
const BATCH = 500;

/**
 * Applies each team's retention settings: a finished report or video older
 * than the team's `export_retention_days` loses its file (S3) and its row.
 * Rows go first, in one transaction, and files after: a file whose delete
 * fails is unreachable (no row points at it) and S3's lifecycle is the backstop.
 * Returns how many jobs were removed.
 */
export async function sweepExpiredExports(deps: { orm: MikroORM; objects: ObjectStore }): Promise<number> {
  const keys = await inSystemScope(deps.orm, async (em) => {
    const rows = await em.execute<{ result_key: string | null }[]>(
      `delete from jobs where id in (
         select j.id from jobs j join tenants t on t.id = j.tenant_id
          where t.export_retention_days is not null and j.status in ('succeeded', 'failed')
            and j.updated_at < now() - make_interval(days => t.export_retention_days)
          limit ?)
       returning result_key`,
      [BATCH],
    );
    return rows.map((row) => row.result_key).filter((key): key is string => Boolean(key));
  });
  if (keys.length) await deps.objects.deleteMany(keys);
  return keys.length;
}

/** Runs both sweeps (team retention, personal data exports' fixed life) now and then every hour until stopped; a failed sweep is logged and tried again next time. */
export function startRetentionSweeper(deps: { orm: MikroORM; objects: ObjectStore; logger: Logger }) {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    current = Promise.all([sweepExpiredExports(deps), sweepExpiredPersonalDataExports(deps)])
      .then(([team, personal]) => {
        const removed = team + personal;
        if (removed) deps.logger.info({ removed }, 'retention: expired exports deleted');
      })
      .catch((error) => deps.logger.warn({ err: error }, 'retention sweep failed'));
  };
  sweep();
  const timer = setInterval(() => {
    if (!stopped) sweep();
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
