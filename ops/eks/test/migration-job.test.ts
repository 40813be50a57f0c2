import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import test from 'ava';
import pg from 'pg';
import { migrationScript, migrations } from '../src/k8s/migration-job.ts';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const adminUrl = process.env.DATABASE_URL;

const withDatabase = (url: string, database: string, credentials?: { user: string; password: string }) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (credentials) {
    u.username = credentials.user;
    u.password = credentials.password;
  }
  return u.toString();
};

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Runs the Job's script as the Job does: `node --input-type=module --eval`, from the workspace root. */
function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

for (const migration of migrations) {
  test(`the ${migration.service} migration Job script creates the app role, migrates and grants it`, async (t) => {
    if (!adminUrl) throw new Error('DATABASE_URL is not set: run through `npm test`');
    // As on RDS, the database exists (created with the instance) and the script runs with the owner credentials.
    const database = `opseks_${migration.database}_${randomBytes(4).toString('hex')}`;
    const appRole = `${database}_app`;
    const appPassword = randomBytes(12).toString('hex');
    await query(adminUrl, `create database ${database}`);
    t.teardown(async () => {
      await query(adminUrl, `drop database if exists ${database} with (force)`);
      await query(adminUrl, `drop role if exists ${appRole}`);
    });

    const run = await runScript(migrationScript({ ...migration, database }), {
      DATABASE_OWNER_URL: withDatabase(adminUrl, database),
      APP_PASSWORD: appPassword,
    });
    t.is(run.code, 0, run.output);

    const appUrl = withDatabase(adminUrl, database, { user: appRole, password: appPassword });
    const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      appUrl,
      'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
    );
    t.deepEqual(role, { rolsuper: false, rolbypassrls: false });
    const tables = await query<{ table_name: string }>(
      appUrl,
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    );
    t.true(tables.length > 0, 'no table was migrated');
    // The app role may read every migrated table (grants applied after the migrations).
    for (const { table_name } of tables) {
      await t.notThrowsAsync(query(appUrl, `select 1 from "${table_name}" limit 1`), table_name);
    }

    // A table from before the default privileges (a database an older Job migrated) has no grant for the role.
    const ownerUrl = withDatabase(adminUrl, database);
    await query(ownerUrl, `alter default privileges in schema public revoke all on tables from ${appRole}`);
    await query(ownerUrl, 'create table legacy_table (id int)');
    await t.throwsAsync(query(appUrl, 'select 1 from legacy_table'), { message: /permission denied/ });

    // Running the Job again (a retried or re-applied deploy) succeeds and grants what had no grant…
    const again = await runScript(migrationScript({ ...migration, database }), {
      DATABASE_OWNER_URL: ownerUrl,
      APP_PASSWORD: appPassword,
    });
    t.is(again.code, 0, again.output);
    await t.notThrowsAsync(query(appUrl, 'insert into legacy_table values (1)'));
    // …and leaves what a migration took away on purpose: the audit log stays append-only for the app role.
    if (tables.some((table) => table.table_name === 'audit_events')) {
      const [audit] = await query<{ insert: boolean; update: boolean; delete: boolean; truncate: boolean }>(
        appUrl,
        `select has_table_privilege('audit_events', 'INSERT') as insert, has_table_privilege('audit_events', 'UPDATE') as update,
                has_table_privilege('audit_events', 'DELETE') as delete, has_table_privilege('audit_events', 'TRUNCATE') as truncate`,
      );
      t.deepEqual(audit, { insert: true, update: false, delete: false, truncate: false });
    }
  });
}
