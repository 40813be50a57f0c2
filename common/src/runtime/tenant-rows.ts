import { isUuid } from '../contracts/ids.ts';

/** Runs one SQL statement in the caller's transaction and answers its rows. */
export type SqlRunner = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** Every base table of the `public` schema with a `tenant_id` column, from the catalogue. */
export const TENANT_TABLES_SQL = `
  select c.table_name as name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
   where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
   order by c.table_name`;

/**
 * Deletes a tenant's rows from every table of the database that has a
 * `tenant_id` column, but `spared`: the tables come from the catalogue, so a
 * table added later is erased too without anyone remembering to list it.
 * Runs in the caller's transaction (and row-level security scope). Returns the
 * rows deleted per table, for the tables that had any.
 */
export async function eraseTenantRows(
  run: SqlRunner,
  tenantId: string,
  spared: ReadonlySet<string> = new Set(),
): Promise<Record<string, number>> {
  // Inlined (driver placeholders differ), so it must be a uuid and nothing else.
  if (!isUuid(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
  const counts: Record<string, number> = {};
  for (const { name } of (await run(TENANT_TABLES_SQL)) as Array<{ name: string }>) {
    if (spared.has(name)) continue;
    const [row] = await run(
      `with gone as (delete from "${name.replaceAll('"', '""')}" where tenant_id = '${tenantId}'::uuid returning 1)
       select count(*)::int as n from gone`,
    );
    const n = Number(row?.n ?? 0);
    if (n) counts[name] = n;
  }
  return counts;
}
