import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { PocView } from '../domain/poc-view.ts';
import { teamTagSpellingSql } from '../domain/team-tag-spelling.ts';
import { limitSql } from '../quotas/plans.ts';
import type { TenantSql } from './tenant-sql.ts';

/** The filters of a POC list page (labels already folded to their lower-case keys). */
export interface PocFilters {
  language?: string;
  tag?: string;
  owner?: string;
  status?: string;
  /** Keys of the last item of the previous page (created_at, id). */
  after?: [createdAt: string, id: string];
}

/** A page of POCs as JSON text, and the keys of its last item when more follow. */
export interface PocPage {
  /** A JSON array of the POCs' API views, newest first. */
  itemsJson: string;
  next: [createdAt: string, id: string] | null;
}

/** The tags as the team first spelled them (see teamTagSpellingSql); `exceptPoc`'s own tags do not count. */
export async function teamSpelling(
  sql: TenantSql,
  tenantId: TenantId,
  tags: string[],
  exceptPoc?: string,
): Promise<string[]> {
  if (tags.length === 0) return tags;
  const params = exceptPoc ? [exceptPoc, JSON.stringify(tags)] : [JSON.stringify(tags)];
  const [row] = await sql.query<{ tags: string[] }>(
    tenantId,
    `select ${teamTagSpellingSql(exceptPoc ? 'param' : 'none')} as tags`,
    params,
  );
  return row?.tags ?? tags;
}

/**
 * Inserts `view` with its outbox `event` (an outboxInsert's statement) in one
 * statement, one round trip — the hot write path — unless the tenant holds its
 * plan's most POCs. The tenant's count row is locked (`for update`) with the
 * check: a concurrent creation of the same tenant waits for this one and
 * re-checks against the count it leaves (Postgres re-reads a locked row).
 * Returns whether it was inserted, with the plan and its limit.
 */
export async function insertPoc(
  sql: TenantSql,
  tenantId: TenantId,
  view: PocView,
  event: { sql: string; values: string[] },
): Promise<{ inserted: boolean; plan: string; max: number }> {
  const [outcome] = await sql.query<{ inserted: number; plan: string; max: string }>(
    tenantId,
    `with t as (select * from tenants where id = current_setting('app.tenant_id')::uuid),
     slot as (select c.tenant_id from tenant_poc_counts c, t
               where c.tenant_id = t.id and c.pocs < ${limitSql('pocs')} for update of c),
     poc as (
     insert into pocs (id, tenant_id, owner_id, name, description, languages, tags, repo_url, status,
                       started_at, finished_at, created_at, updated_at, version)
     select ?::uuid, ?::uuid, ?::uuid, ?, ?, array(select jsonb_array_elements_text(?::jsonb)),
             array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?::date, ?::date, ?::timestamptz, ?::timestamptz, 1
       from slot
     returning id),
     event as (${event.sql} from poc)
   select (select count(*) from poc)::int as inserted, t.plan, (${limitSql('pocs')})::text as max from t`,
    [
      view.id,
      tenantId,
      view.ownerId,
      view.name,
      view.description,
      JSON.stringify(view.languages),
      JSON.stringify(view.tags),
      view.repoUrl,
      view.status,
      view.startedAt,
      view.finishedAt,
      view.createdAt,
      view.updatedAt,
      ...event.values,
    ],
  );
  return { inserted: Boolean(outcome?.inserted), plan: outcome?.plan ?? 'free', max: Number(outcome?.max ?? 0) };
}

/**
 * One page of the tenant's POCs, newest first, in one row back: the page as
 * JSON text (each POC's api_json, kept by a trigger) and the keys of its last item.
 */
export async function pocPage(
  sql: TenantSql,
  tenantId: TenantId,
  filters: PocFilters,
  limit: number,
): Promise<PocPage> {
  const where = ['tenant_id = ?'];
  const values: Array<string | number> = [tenantId];
  // Case-insensitive: labels keep their spelling ("C#", "K8s"), a filter may not.
  if (filters.language)
    where.push('exists (select 1 from unnest(languages) l where lower(l) = ?)') && values.push(filters.language);
  if (filters.tag) where.push('exists (select 1 from unnest(tags) t where lower(t) = ?)') && values.push(filters.tag);
  if (filters.owner) where.push('owner_id = ?') && values.push(filters.owner);
  if (filters.status) where.push('status = ?') && values.push(filters.status);
  if (filters.after) {
    where.push('(created_at, id) < (?::timestamptz, ?::uuid)');
    values.push(...filters.after);
  }
  const [page] = await sql.query<{ items: string; fetched: number; last_created_at: string; last_id: string }>(
    tenantId,
    `select '[' || coalesce(string_agg(p.api_json, ',' order by p.rn) filter (where p.rn <= ?), '') || ']' as items,
            count(*)::int as fetched,
            max(case when p.rn = ? then to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end) as last_created_at,
            max(case when p.rn = ? then p.id::text end) as last_id
       from (select pocs.api_json, pocs.created_at, pocs.id, row_number() over (order by pocs.created_at desc, pocs.id desc) as rn
               from pocs where ${where.join(' and ')} order by pocs.created_at desc, pocs.id desc limit ?) p`,
    [limit, limit, limit, ...values, limit + 1],
  );
  return {
    itemsJson: page?.items ?? '[]',
    next: page && page.fetched > limit ? [page.last_created_at, page.last_id] : null,
  };
}

/** The object keys of a POC's attachments (to delete from the bucket once the POC is gone). */
export async function attachmentKeys(em: EntityManager, pocId: string): Promise<string[]> {
  const rows = await em.execute<{ key: string }[]>('select key from attachments where poc_id = ?', [pocId]);
  return rows.map((row) => row.key);
}
