import pg from 'pg';

/** One tenant's dojo time over a period. */
export interface TenantDojoUsage {
  tenantId: string;
  /** Person-hours in the tenant's dojos: from each person's join to their leave, within the period. */
  dojoHours: number;
  /** Dojos with anyone in them during the period. */
  dojos: number;
}

/**
 * Dojo hours per tenant, aggregated in the engine's own database from the
 * session history (a person's `joined` to their next `left`/`removed`; the room
 * records the first of their tabs joining and the last leaving). A person still
 * in a room counts until now. An engine that died without writing `left`
 * leaves its people counted until their next join: an over-count, never a loss.
 */
export class DojoUsage {
  readonly #pool: pg.Pool;
  constructor(databaseUrl: string) {
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    this.#pool.on('error', () => {});
  }

  async perTenant(period: { from: Date; to: Date }, tenantId?: string): Promise<TenantDojoUsage[]> {
    const client = await this.#pool.connect();
    try {
      // Every tenant's history: the system scope, which the history's read-only policy admits (0004).
      await client.query('begin read only');
      await client.query(`select set_config('app.system', 'on', true)`);
      const rows = await this.#query(client, period, tenantId);
      await client.query('commit');
      return rows;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async #query(client: pg.PoolClient, period: { from: Date; to: Date }, tenantId?: string): Promise<TenantDojoUsage[]> {
    const { rows } = await client.query<{ tenant_id: string; seconds: string; dojos: number }>(
      `with presence as (
         select tenant_id, dojo_id, kind, at,
                lead(at) over (partition by dojo_id, user_id order by id) as until
           from dojo_history
          where kind in ('joined', 'left', 'removed') and user_id is not null
            and ($3::uuid is null or tenant_id = $3::uuid))
       select tenant_id::text,
              sum(extract(epoch from least(coalesce(until, now()), $2) - greatest(at, $1)))::text as seconds,
              count(distinct dojo_id)::int as dojos
         from presence
        where kind = 'joined' and at < $2 and coalesce(until, now()) > $1
        group by tenant_id order by tenant_id`,
      [period.from, period.to, tenantId ?? null],
    );
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      dojoHours: Math.round((Number(row.seconds) / 3600) * 100) / 100,
      dojos: row.dojos,
    }));
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}
