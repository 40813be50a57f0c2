import type { EntityManager } from '@mikro-orm/postgresql';

/** One tenant's figures for billing and support, over a period `[from, to)`. */
export interface TenantUsage {
  tenantId: string;
  name: string;
  plan: string;
  /** POCs held at the time of the query. */
  pocs: number;
  /** Bytes kept at the time of the query: attachments plus rendered media. */
  storageBytes: number;
  /** Minutes of yearly video rendered in the period (finished videos asked for in it). */
  videoMinutes: number;
  /** Reports and videos asked for in the period. */
  reports: number;
  videos: number;
  /** Members who signed in or refreshed a session in the period. */
  activeUsers: number;
}

/**
 * Usage per tenant, aggregated in Postgres (one row per tenant, never a metric
 * label per tenant). Runs in the system scope: it reads every tenant.
 */
export async function tenantUsage(
  em: EntityManager,
  period: { from: string; to: string },
  tenantId?: string,
): Promise<TenantUsage[]> {
  const rows = await em.execute<Record<string, string | number>[]>(
    `select t.id as "tenantId", t.name, t.plan,
            (select count(*) from pocs p where p.tenant_id = t.id)::int as pocs,
            ((select coalesce(sum(a.bytes), 0) from attachments a where a.tenant_id = t.id)
             + (select coalesce(sum(j.result_bytes), 0) from jobs j where j.tenant_id = t.id))::text as "storageBytes",
            (select coalesce(sum(j.result_seconds), 0) / 60.0 from jobs j
              where j.tenant_id = t.id and j.kind = 'video' and j.status = 'succeeded'
                and j.created_at >= ?::timestamptz and j.created_at < ?::timestamptz)::float8 as "videoMinutes",
            (select count(*) from jobs j where j.tenant_id = t.id and j.kind = 'report'
                and j.created_at >= ?::timestamptz and j.created_at < ?::timestamptz)::int as reports,
            (select count(*) from jobs j where j.tenant_id = t.id and j.kind = 'video'
                and j.created_at >= ?::timestamptz and j.created_at < ?::timestamptz)::int as videos,
            (select count(distinct r.user_id) from refresh_tokens r where r.tenant_id = t.id
                and r.created_at >= ?::timestamptz and r.created_at < ?::timestamptz)::int as "activeUsers"
       from tenants t where (?::uuid is null or t.id = ?::uuid)
      order by t.created_at, t.id`,
    [...Array.from({ length: 4 }, () => [period.from, period.to]).flat(), tenantId ?? null, tenantId ?? null],
  );
  return rows.map((row) => ({
    tenantId: String(row.tenantId),
    name: String(row.name),
    plan: String(row.plan),
    pocs: Number(row.pocs),
    storageBytes: Number(row.storageBytes),
    videoMinutes: Math.round(Number(row.videoMinutes) * 100) / 100,
    reports: Number(row.reports),
    videos: Number(row.videos),
    activeUsers: Number(row.activeUsers),
  }));
}
