import type { TenantId } from '@pocdojo/common/contracts/ids';
import pg from 'pg';

/** A query runner inside one transaction. */
export type Tx = pg.PoolClient;

/**
 * notifier's connection pool (the app role: row-level security applies) with
 * the two transaction scopes every query runs in.
 */
export class Database {
  readonly pool: pg.Pool;

  constructor(url: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
    // An idle client's error (a restarted server) must not crash the process; the next query reconnects.
    this.pool.on('error', () => {});
  }

  /** Runs `fn` in a transaction that sees and writes only `tenantId`'s rows. */
  inTenant<T>(tenantId: TenantId, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#transaction(fn, `select set_config('app.tenant_id', $1, true)`, [tenantId]);
  }

  /**
   * Runs `fn` in a transaction that sees every tenant: only for the event
   * intake, the dispatcher and the scheduler, which serve all tenants.
   */
  inSystemScope<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.#transaction(fn, `select set_config('app.system', 'on', true)`, []);
  }

  async ping(): Promise<void> {
    await this.pool.query('select 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async #transaction<T>(fn: (tx: Tx) => Promise<T>, scope: string, values: unknown[]): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query(scope, values);
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
