import { isUuid, type TenantId, type UserId } from '@pocdojo/common/contracts/ids';
import { currentMemberSchema, type TenantMember } from '@pocdojo/common/contracts/members';
import { type PocExportPage, pocExportQuerySchema } from '@pocdojo/common/contracts/poc-export';
import { z } from 'zod';
import { inSystemScope } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { memberLookup } from '../../domain/member-access.ts';
import { POC_COLUMNS, type PocRow, rowToView, toSearchable } from '../../domain/poc-view.ts';
import { refuseErasedTenant } from '../../domain/team-erasure.ts';
import { notFound } from '../../errors.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { decodeCursor, encodeCursor, isIsoTimestamp } from '../cursor.ts';

/**
 * Service-to-service endpoints (Bearer INTERNAL_TOKEN): the paginated POC export
 * that search-indexer rebuilds from and media-worker renders from, and the
 * member list for reports. Never exposed through the public ingress.
 */
export function internalRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;
  const refuseErased = (tenantId: string) => refuseErasedTenant(orm, tenantId);

  const exportPocs = defineRoute({
    method: 'get',
    path: '/internal/v1/pocs',
    summary:
      'Export searchable POCs (all tenants unless tenantId), oldest first; from/to filter on startedAt ?? createdAt',
    tag: 'internal',
    access: { kind: 'internal' },
    query: pocExportQuerySchema,
    responses: { 200: { description: 'A page of searchable POCs' } },
    async handler({ query, ctx }) {
      if (query.tenantId) await refuseErased(query.tenantId);
      const where: string[] = ['true'];
      const values: unknown[] = [];
      if (query.tenantId) where.push('tenant_id = ?') && values.push(query.tenantId);
      if (query.ownerId) where.push('owner_id = ?') && values.push(query.ownerId);
      if (query.from) where.push('coalesce(started_at, created_at::date) >= ?::date') && values.push(query.from);
      if (query.to) where.push('coalesce(started_at, created_at::date) < ?::date') && values.push(query.to);
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor, [isIsoTimestamp, isUuid]);
        where.push('(created_at, id) > (?::timestamptz, ?::uuid)');
        values.push(createdAt, id);
      }
      values.push(query.limit + 1);
      const rows = await inSystemScope(orm, (em) =>
        em.execute<PocRow[]>(
          `select ${POC_COLUMNS} from pocs where ${where.join(' and ')} order by pocs.created_at, pocs.id limit ?`,
          values,
        ),
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      ctx.body = {
        items: page.map((row) => toSearchable(row.tenant_id, rowToView(row))),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
      } satisfies PocExportPage;
    },
  });

  const members = defineRoute({
    method: 'get',
    path: '/internal/v1/members',
    summary: "A tenant's members (for reports)",
    tag: 'internal',
    access: { kind: 'internal' },
    query: z.object({ tenantId: z.uuid() }).strict(),
    responses: { 200: { description: 'Members' } },
    async handler({ query, ctx }) {
      await refuseErased(query.tenantId);
      const rows = await inSystemScope(orm, (em) =>
        em.execute<TenantMember[]>('select id, name, email, role from users where tenant_id = ? order by created_at', [
          query.tenantId,
        ]),
      );
      ctx.body = { items: rows } satisfies { items: TenantMember[] };
    },
  });

  const lookup = memberLookup(deps.sql);
  const currentMember = defineRoute({
    method: 'get',
    path: '/internal/v1/members/:userId',
    summary: "A member's current role and token version, for services that authorise with platform tokens",
    tag: 'internal',
    access: { kind: 'internal' },
    params: z.object({ userId: z.uuid() }).strict(),
    query: z.object({ tenantId: z.uuid() }).strict(),
    responses: {
      200: {
        description: 'The member now',
        schema: currentMemberSchema,
      },
      404: { description: 'Not (or no longer) a member of that tenant' },
    },
    async handler({ params, query, ctx }) {
      const member = await lookup(query.tenantId as TenantId, params.userId as UserId);
      if (!member) throw notFound('notfound.member');
      ctx.body = member;
    },
  });

  const dojos = defineRoute({
    method: 'get',
    path: '/internal/v1/dojos',
    summary: "A tenant's dojos by id and title (for the yearly video's dojos card)",
    tag: 'internal',
    access: { kind: 'internal' },
    query: z.object({ tenantId: z.uuid() }).strict(),
    responses: { 200: { description: 'Dojos' } },
    async handler({ query, ctx }) {
      const rows = await inSystemScope(orm, (em) =>
        em.execute<{ id: string; title: string }[]>(
          'select id, title from dojos where tenant_id = ? order by created_at',
          [query.tenantId],
        ),
      );
      ctx.body = { items: rows };
    },
  });

  const deadLetters = defineRoute({
    method: 'get',
    path: '/internal/v1/outbox/dead-letters',
    summary: 'Outbox events SQS refused on every attempt (newest first), for operators',
    tag: 'internal',
    access: { kind: 'internal' },
    query: z
      .object({ tenantId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) })
      .strict(),
    responses: { 200: { description: 'Dead-lettered events, without their payloads' } },
    async handler({ query, ctx }) {
      const rows = await inSystemScope(orm, (em) =>
        em.execute(
          `select seq::text, id, tenant_id as "tenantId", queue, type, group_key as "groupKey", attempts,
                  last_error as "lastError", created_at as "createdAt", dead_at as "deadAt"
             from outbox_dead_letters where (?::uuid is null or tenant_id = ?::uuid)
            order by dead_at desc, seq desc limit ?`,
          [query.tenantId ?? null, query.tenantId ?? null, query.limit],
        ),
      );
      ctx.body = { items: rows };
    },
  });

  return [exportPocs, members, currentMember, dojos, deadLetters];
}
