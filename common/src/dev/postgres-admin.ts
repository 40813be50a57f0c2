import pg from 'pg';

/** What a service needs to run against its own database with a non-superuser role. */
export interface ProvisionedDatabase {
  /** Owner (superuser or owner role) URL: migrations run with it. */
  ownerUrl: string;
  /** Application role URL: the service connects with it, so row-level security applies. */
  appUrl: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return `"${name}"`;
}

function withDatabase(url: string, database: string, credentials?: { user: string; password: string }): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (credentials) {
    u.username = encodeURIComponent(credentials.user);
    u.password = encodeURIComponent(credentials.password);
  }
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Ignores "already exists" errors, which parallel provisioning (test workers) can race into. */
async function idempotent(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '42710' && code !== '23505') throw error;
  }
}

/**
 * Creates database `database` and login role `appRole` (NOSUPERUSER, NOBYPASSRLS)
 * if missing, and grants the role DML on every table migrations create.
 * For local runs and tests; in production the same is done by infrastructure.
 */
export async function provisionDatabase(
  adminUrl: string,
  options: { database: string; appRole: string; appPassword: string },
): Promise<ProvisionedDatabase> {
  const db = ident(options.database);
  const role = ident(options.appRole);
  await withClient(adminUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [options.database]);
    if (exists.rowCount === 0) await idempotent(() => client.query(`create database ${db}`));
    const roleExists = await client.query('select 1 from pg_roles where rolname = $1', [options.appRole]);
    if (roleExists.rowCount === 0) {
      await idempotent(() =>
        client.query(
          `create role ${role} login nosuperuser nobypassrls password '${options.appPassword.replaceAll("'", "''")}'`,
        ),
      );
    }
  });
  const ownerUrl = withDatabase(adminUrl, options.database);
  await withClient(ownerUrl, async (client) => {
    await client.query(`grant connect on database ${db} to ${role}`);
    await client.query(`grant usage on schema public to ${role}`);
    await client.query(
      `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    );
    await client.query(`alter default privileges in schema public grant usage, select on sequences to ${role}`);
  });
  return {
    ownerUrl,
    appUrl: withDatabase(adminUrl, options.database, { user: options.appRole, password: options.appPassword }),
  };
}

/**
 * Grants the app role DML on the tables and sequences it holds no privilege on at all: those created before the
 * default privileges of provisionDatabase were set (a database migrated by an older Job). A table on which the role
 * holds some privileges got them from those defaults and then from its migration, which may have taken some away on
 * purpose (audit_events is append-only: no UPDATE, DELETE or TRUNCATE); granting on every table re-opened that at
 * each deploy.
 */
export async function grantExistingTables(ownerUrl: string, appRole: string): Promise<void> {
  const role = ident(appRole);
  await withClient(ownerUrl, async (client) => {
    const ungranted = await client.query<{ name: string; kind: string }>(
      `select c.relname as name, c.relkind as kind
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'S')
          and (c.relacl is null or not exists (
            select from aclexplode(c.relacl) a where a.grantee = (select oid from pg_roles where rolname = $1)))`,
      [appRole],
    );
    for (const { name, kind } of ungranted.rows) {
      const grant = kind === 'S' ? 'usage, select on sequence' : 'select, insert, update, delete on table';
      await client.query(`grant ${grant} public.${quoted(name)} to ${role}`);
    }
  });
}

/** Any existing relation name, quoted (names come from the catalogue, not from input). */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Drops a database, disconnecting its sessions first (tests clean up with it). */
export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`drop database if exists ${ident(database)} with (force)`));
}
