import pg from 'pg';

/**
 * Runs `text` on the database at `url` in a transaction that sees every
 * tenant's rows (`app.system`): row-level security hides other tenants' rows
 * even from the owner, and a test that checks what is (or is not) stored must
 * look at all of them.
 */
export async function systemSql<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.system', 'on', true)`);
    const rows = (await client.query<T>(text, values)).rows;
    await client.query('commit');
    return rows;
  } finally {
    await client.end();
  }
}
