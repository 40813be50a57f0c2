import type { TenantId } from '@pocdojo/common/contracts/ids';
import pg from 'pg';
import { isDatabaseUnavailable } from './database-unavailable.ts';

type SqlValue = string | number | boolean | null;

/**
 * The hot paths (list pages, POC creation): one round trip per statement. The
 * tenant scope and the statement travel as one multi-statement simple query,
 * which Postgres runs as a single implicit transaction — so `set_config(..., true)`
 * covers exactly that statement and is gone afterwards, and a failing statement
 * leaves nothing behind, like `inTenant`, but without BEGIN/COMMIT round trips.
 * Values are inlined with the driver's literal escaping (the simple protocol
 * takes no parameters); placeholders are `?`, as in MikroORM's `execute`.
 */
export class TenantSql {
  readonly #pool: pg.Pool;
  constructor(url: string, options: { max?: number; onIdleError?: (error: Error) => void } = {}) {
    this.#pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
    const onError = options.onIdleError ?? (() => {});
    // A connection the server drops (failover, restart) must not take the process down: the pool
    // listens while a client is idle, the client itself while it is checked out.
    this.#pool.on('error', onError);
    this.#pool.on('connect', (client) => client.on('error', onError));
  }

  async query<T>(tenantId: TenantId, sql: string, values: readonly SqlValue[] = []): Promise<T[]> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      const text = `select set_config('app.tenant_id', ${client.escapeLiteral(tenantId)}, true); ${inline(client, sql, values)}`;
      const results = (await client.query(text)) as unknown as pg.QueryResult[];
      return results.at(-1)?.rows as T[];
    } catch (error) {
      // A lost connection is destroyed, not handed to the next request.
      if (isDatabaseUnavailable(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

function inline(client: pg.PoolClient, sql: string, values: readonly SqlValue[]): string {
  let index = 0;
  const text = sql.replace(/\?/g, () => {
    if (index >= values.length) throw new Error('more placeholders than values');
    const value = values[index++];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error('non-finite number');
      return String(value);
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return client.escapeLiteral(value);
  });
  if (index !== values.length) throw new Error('more values than placeholders');
  return text;
}
