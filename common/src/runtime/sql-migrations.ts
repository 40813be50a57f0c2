import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Applies the committed SQL migrations in `directory` (`NNNN_name.sql`) in
 * file-name order, each in its own transaction, recording them in
 * `schema_migrations`.
 *
 * Why plain SQL files and not an ORM migrator: the services that use this
 * (dojo-engine, notifier) write their tables with hand-tuned SQL, so an ORM
 * would add a model layer nobody uses. A session advisory lock (`lockKey`, one
 * per service) makes concurrent starts of several replicas safe: one migrates,
 * the others wait and find nothing to do.
 */
export async function applySqlMigrations(ownerUrl: string, directory: string, lockKey: number): Promise<string[]> {
  const files = (await readdir(directory)).filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file)).sort();
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [lockKey]);
    await client.query(
      'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await client.query<{ version: string }>('select version from schema_migrations')).rows.map((row) => row.version),
    );
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(join(directory, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query('insert into schema_migrations (version) values ($1)', [file]);
        await client.query('commit');
        applied.push(file);
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('select pg_advisory_unlock($1)', [lockKey]).catch(() => {});
    await client.end();
  }
  return applied;
}
