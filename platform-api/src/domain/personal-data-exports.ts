import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ObjectStore } from '../adapters/object-store.ts';
import { inSystemScope } from '../db/tenant-scope.ts';
import { problem } from '../errors.ts';

/**
 * Limits of members' personal data exports (LGPD Art. 18, II and V). An archive
 * holds everything a member has, attachments included, so making one costs the
 * worker minutes and the bucket its size: a member gets one at a time, and a
 * few a day, which is plenty for exercising a right.
 */
export const personalDataExportDefaults = {
  /** Exports a member may ask for in 24 hours (running, finished or failed alike). */
  perDay: 3,
  /** Days an archive is kept before the retention sweeper deletes it and its job. */
  keepDays: 7,
} as const;

interface RecentExport {
  status: string;
  created_at: Date | string;
}

/**
 * Refuses a new export while the member has one queued or running (409
 * `export_in_progress`), or once they asked for `perDay` in the last 24 hours
 * (429 `rate_limited`, Retry-After: when the oldest of them leaves the window).
 * Locks the member's row first, so two requests at once cannot both pass.
 */
export async function assertExportAllowed(em: EntityManager, userId: string, now = new Date()): Promise<void> {
  await em.execute('select id from users where id = ? for update', [userId]);
  const recent = await em.execute<RecentExport[]>(
    `select status, created_at from jobs
      where kind = 'personal_data' and requested_by = ? and created_at > ?::timestamptz - interval '24 hours'
      order by created_at`,
    [userId, now.toISOString()],
  );
  if (recent.some((job) => job.status === 'queued' || job.status === 'running')) {
    throw problem('export_in_progress', 'export.in_progress');
  }
  const perDay = personalDataExportDefaults.perDay;
  const oldest = recent[0];
  if (recent.length >= perDay && oldest) {
    const seconds = Math.max(1, Math.ceil((new Date(oldest.created_at).getTime() + 86_400_000 - now.getTime()) / 1000));
    throw problem('rate_limited', 'export.daily_limit', {
      values: { max: perDay, hours: Math.ceil(seconds / 3600) },
      headers: { 'Retry-After': String(seconds) },
      extensions: { limit: 'personalDataExportsPerDay', value: perDay },
    });
  }
}

/**
 * Deletes personal data exports older than `keepDays`, whatever the team's
 * own retention: the archive (S3) and its job row. Rows go first, files after,
 * like the team retention sweep; S3's lifecycle rule is the backstop for a
 * file whose delete failed. Returns how many exports were removed.
 */
export async function sweepExpiredPersonalDataExports(
  deps: { orm: MikroORM; objects: ObjectStore },
  keepDays: number = personalDataExportDefaults.keepDays,
): Promise<number> {
  const rows = await inSystemScope(deps.orm, (em) =>
    em.execute<{ result_key: string | null }[]>(
      `delete from jobs where id in (
         select id from jobs where kind = 'personal_data' and status in ('succeeded', 'failed')
            and updated_at < now() - make_interval(days => ?) limit 500)
       returning result_key`,
      [keepDays],
    ),
  );
  const keys = rows.map((row) => row.result_key).filter((key): key is string => Boolean(key));
  if (keys.length) await deps.objects.deleteMany(keys);
  return rows.length;
}
