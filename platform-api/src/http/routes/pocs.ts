import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { PocStatuses } from '@pocdojo/common/contracts/vocabularies';
import { EventTypes, Queues } from '@pocdojo/common/events';
import { isUuid, type TenantId } from '@pocdojo/common/ids';
import { canonicalLanguage, labelKey } from '@pocdojo/common/languages';
import type { Context } from 'koa';
import { z } from 'zod';
import { Poc, type PocEntity } from '../../db/entities/Poc.ts';
import { User } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { accountGone } from '../../domain/member-access.ts';
import { type OutboxRecord, outboxInsert, recordEvent } from '../../domain/outbox.ts';
import { createPocSchema, datesInOrder, tagLabel, updatePocSchema } from '../../domain/poc-input.ts';
import { entityToView, type PocView, pocView, toSearchable } from '../../domain/poc-view.ts';
import { teamTagSpellingSql } from '../../domain/team-tag-spelling.ts';
import { fieldError, notFound, problem } from '../../errors.ts';
import { limitSql } from '../../quotas/plans.ts';
import { quotaExceeded } from '../../quotas/quota-problems.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, isAdmin, type UserAuth } from '../authentication.ts';
import { decodeCursor, encodeCursor, isIsoTimestamp } from '../cursor.ts';
import { idParams } from '../schemas.ts';

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
    language: z
      .string()
      .max(40)
      .transform((s) => labelKey(canonicalLanguage(s)))
      .optional(),
    tag: z
      .string()
      .max(51)
      .transform((s) => labelKey(tagLabel(s)))
      .optional(),
    owner: z.uuid().optional(),
    status: z.enum(PocStatuses).optional(),
  })
  .strict();

const etag = (version: number) => `"${version}"`;

/** The version the client last saw, from If-Match (`"3"`, `W/"3"` or `3`). */
function expectedVersion(ctx: Context): number {
  const header = ctx.get('if-match');
  if (!header) throw problem('precondition_required', 'poc.if_match_required');
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw problem('validation_failed', 'poc.if_match_invalid');
  return Number(match[1]);
}

function assertMayEdit(auth: UserAuth, poc: PocEntity): void {
  if (poc.ownerId !== auth.userId && !isAdmin(auth)) {
    throw problem('forbidden', 'poc.owner_only');
  }
}

/** The owner was removed between this request's authentication and its insert: 401, not a 500. */
function ownerGone(error: unknown): never {
  if ((error as { code?: string }).code === '23503') throw accountGone();
  throw error;
}

export const upsertEvent = (tenantId: TenantId, view: PocView): OutboxRecord<typeof EventTypes.pocUpserted> => ({
  queue: Queues.pocEvents,
  type: EventTypes.pocUpserted,
  tenantId,
  groupKey: view.id,
  data: toSearchable(tenantId, view),
});

export function pocRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  /** The tags as the team first spelled them (see teamTagSpellingSql). */
  async function teamSpelling(tenantId: TenantId, tags: string[], exceptPoc?: string): Promise<string[]> {
    if (tags.length === 0) return tags;
    const params = exceptPoc ? [exceptPoc, JSON.stringify(tags)] : [JSON.stringify(tags)];
    const [row] = await deps.sql.query<{ tags: string[] }>(
      tenantId,
      `select ${teamTagSpellingSql(exceptPoc ? 'param' : 'none')} as tags`,
      params,
    );
    return row?.tags ?? tags;
  }

  const create = defineRoute({
    method: 'post',
    path: '/v1/pocs',
    summary: 'Register a POC',
    tag: 'pocs',
    access: { kind: 'user' },
    body: createPocSchema,
    responses: {
      201: { description: 'Created', schema: pocView },
      403: { description: "The team holds the plan's most POCs (`limit`: `pocs`, `value`)" },
    },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      const now = new Date().toISOString();
      const tags = await teamSpelling(user.tenantId, body.tags);
      const view: PocView = {
        id: randomUUID(),
        ownerId: user.userId,
        name: body.name,
        description: body.description,
        languages: body.languages,
        tags,
        repoUrl: body.repoUrl,
        status: body.status,
        startedAt: body.startedAt,
        finishedAt: body.finishedAt,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      // The hot write path: the POC and its event in one statement, one round trip (see TenantSql).
      // The tenant's count row is locked (`for update`) with the check: a concurrent creation of the same
      // tenant waits for this one and re-checks against the count it leaves (Postgres re-reads a locked row).
      const event = outboxInsert(upsertEvent(user.tenantId, view));
      const [outcome] = await deps.sql
        .query<{ inserted: number; plan: string; max: string }>(
          user.tenantId,
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
            user.tenantId,
            view.ownerId,
            view.name,
            view.description,
            JSON.stringify(view.languages),
            JSON.stringify(view.tags),
            view.repoUrl,
            view.status,
            view.startedAt,
            view.finishedAt,
            now,
            now,
            ...event.values,
          ],
        )
        .catch(ownerGone);
      if (!outcome?.inserted) {
        const max = Number(outcome?.max ?? 0);
        const plan = outcome?.plan ?? 'free';
        throw quotaExceeded({ limit: 'pocs', value: max, plan }, 'quota.pocs', { max, plan });
      }
      deps.eventsWritten();
      ctx.status = 201;
      ctx.set('ETag', etag(view.version));
      ctx.set('Location', `/v1/pocs/${view.id}`);
      ctx.body = view;
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/pocs',
    summary: 'List POCs, newest first, with filters and cursor pagination',
    tag: 'pocs',
    access: { kind: 'user' },
    query: listQuery,
    responses: {
      200: {
        description: 'A page of POCs',
        schema: z.object({ items: z.array(pocView), nextCursor: z.string().nullable() }),
      },
    },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      const where = ['tenant_id = ?'];
      const values: Array<string | number> = [user.tenantId];
      // Case-insensitive: labels keep their spelling ("C#", "K8s"), a filter may not.
      if (query.language)
        where.push('exists (select 1 from unnest(languages) l where lower(l) = ?)') && values.push(query.language);
      if (query.tag) where.push('exists (select 1 from unnest(tags) t where lower(t) = ?)') && values.push(query.tag);
      if (query.owner) where.push('owner_id = ?') && values.push(query.owner);
      if (query.status) where.push('status = ?') && values.push(query.status);
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor, [isIsoTimestamp, isUuid]);
        where.push('(created_at, id) < (?::timestamptz, ?::uuid)');
        values.push(createdAt, id);
      }
      // One row back: the page as JSON text (each POC's api_json, kept by a trigger), and the keys of its last item.
      const [page] = await deps.sql.query<{
        items: string;
        fetched: number;
        last_created_at: string;
        last_id: string;
      }>(
        user.tenantId,
        `select '[' || coalesce(string_agg(p.api_json, ',' order by p.rn) filter (where p.rn <= ?), '') || ']' as items,
                count(*)::int as fetched,
                max(case when p.rn = ? then to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end) as last_created_at,
                max(case when p.rn = ? then p.id::text end) as last_id
           from (select pocs.api_json, pocs.created_at, pocs.id, row_number() over (order by pocs.created_at desc, pocs.id desc) as rn
                   from pocs where ${where.join(' and ')} order by pocs.created_at desc, pocs.id desc limit ?) p`,
        [query.limit, query.limit, query.limit, ...values, query.limit + 1],
      );
      const nextCursor = page && page.fetched > query.limit ? encodeCursor([page.last_created_at, page.last_id]) : null;
      ctx.type = 'application/json';
      ctx.body = `{"items":${page?.items ?? '[]'},"nextCursor":${JSON.stringify(nextCursor)}}`;
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/pocs/:id',
    summary: 'One POC (ETag = version)',
    tag: 'pocs',
    access: { kind: 'user' },
    params: idParams,
    responses: { 200: { description: 'The POC', schema: pocView } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const poc = await inTenant(orm, user.tenantId, (em) => em.findOne(Poc, { id: params.id }));
      if (!poc) throw notFound('notfound.poc');
      ctx.set('ETag', etag(poc.version));
      ctx.body = entityToView(poc);
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/v1/pocs/:id',
    summary: 'Change a POC (owner or admin); If-Match with the version is required, 412 on conflict',
    tag: 'pocs',
    access: { kind: 'user' },
    params: idParams,
    body: updatePocSchema,
    responses: { 200: { description: 'Updated', schema: pocView } },
    async handler({ auth, params, body, ctx }) {
      const user = asUser(auth);
      const expected = expectedVersion(ctx);
      const view = await inTenant(orm, user.tenantId, async (em) => {
        const poc = await em.findOne(Poc, { id: params.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!poc) throw notFound('notfound.poc');
        assertMayEdit(user, poc);
        if (poc.version !== expected) {
          throw problem('version_conflict', 'poc.version_conflict', {
            values: { expected, current: poc.version },
          });
        }
        if (body.ownerId && body.ownerId !== poc.ownerId) {
          if (!isAdmin(user)) throw problem('forbidden', 'poc.transfer_admin_only');
          if (!(await em.findOne(User, { id: body.ownerId }))) {
            throw problem('validation_failed', 'poc.new_owner_not_member', {
              errors: [fieldError('ownerId', 'field.not_member')],
            });
          }
        }
        const next = { ...entityToView(poc), ...body };
        if (!datesInOrder(next)) {
          throw problem('validation_failed', 'request.invalid', {
            values: { where: 'body' },
            errors: [fieldError('finishedAt', 'field.finished_before_started')],
          });
        }
        const tags = body.tags && (await teamSpelling(user.tenantId, body.tags, poc.id));
        em.assign(poc, { ...body, ...(tags ? { tags } : {}), updatedAt: new Date() });
        await em.flush();
        const updated = entityToView(poc);
        recordEvent(em, upsertEvent(user.tenantId, updated));
        return updated;
      });
      deps.eventsWritten();
      ctx.set('ETag', etag(view.version));
      ctx.body = view;
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/v1/pocs/:id',
    summary: 'Delete a POC (owner or admin); If-Match optional',
    tag: 'pocs',
    access: { kind: 'user' },
    params: idParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const expected = ctx.get('if-match') ? expectedVersion(ctx) : null;
      const keys = await inTenant(orm, user.tenantId, async (em) => {
        const poc = await em.findOne(Poc, { id: params.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!poc) throw notFound('notfound.poc');
        assertMayEdit(user, poc);
        if (expected !== null && poc.version !== expected) {
          throw problem('version_conflict', 'poc.version_conflict', {
            values: { expected, current: poc.version },
          });
        }
        const attachments = await em.execute<{ key: string }[]>('select key from attachments where poc_id = ?', [
          poc.id,
        ]);
        await em.nativeDelete(Poc, { id: poc.id });
        await recordAudit(em, {
          tenantId: user.tenantId,
          actorId: user.userId,
          action: 'poc.deleted',
          targetType: 'poc',
          targetId: poc.id,
          details: { name: poc.name, ownerId: poc.ownerId },
          origin: requestOrigin(ctx),
        });
        recordEvent(em, {
          queue: Queues.pocEvents,
          type: EventTypes.pocDeleted,
          tenantId: user.tenantId,
          groupKey: poc.id,
          data: { id: poc.id, version: poc.version + 1 },
        });
        return attachments.map((a) => a.key);
      });
      deps.eventsWritten();
      await deps.objects
        .deleteMany(keys)
        .catch((error) => deps.logger.warn({ err: error }, 'attachment cleanup failed'));
      ctx.status = 204;
    },
  });

  return [create, list, get, update, remove];
}
