import { csvText } from '@pocdojo/common/runtime/csv-cell';
import { z } from 'zod';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { AuditActions, recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';
import { decodeCursor, encodeCursor, isIsoTimestamp } from '../cursor.ts';

const admins = ['owner', 'admin'] as const;
const isUuid = (s: string) => z.uuid().safeParse(s).success;

const filters = {
  /** Only what this member did, or what was done to them. */
  userId: z.uuid().optional(),
  action: z.enum(AuditActions).optional(),
};
const listQuery = z
  .object({
    ...filters,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
const exportQuery = z.object(filters).strict();

const auditEventView = z
  .object({
    id: z.uuid(),
    action: z.enum(AuditActions),
    actorId: z.uuid().nullable(),
    /** The actor's name now; null for a visitor or a member since removed. */
    actorName: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEvent' });

interface AuditRow {
  id: string;
  action: (typeof AuditActions)[number];
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

/** Most rows one CSV export holds; narrow it with the filters for more. */
const EXPORT_LIMIT = 50_000;
const TIMESTAMP = `to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The filters as SQL over `audit_events a` (row-level security keeps it to the caller's team). */
function where(query: { userId?: string; action?: string }): { sql: string; values: string[] } {
  const clauses = ['true'];
  const values: string[] = [];
  if (query.userId) {
    clauses.push('(a.actor_id = ?::uuid or a.target_id = ?)');
    values.push(query.userId, query.userId);
  }
  if (query.action) {
    clauses.push('a.action = ?');
    values.push(query.action);
  }
  return { sql: clauses.join(' and '), values };
}

const SELECT = `select a.id, a.action, a.actor_id as "actorId", u.name as "actorName", a.target_type as "targetType",
         a.target_id as "targetId", a.details, a.ip, a.user_agent as "userAgent", ${TIMESTAMP} as "createdAt"
    from audit_events a left join users u on u.id = a.actor_id`;

/** The audit log, for owners and admins: newest first, filtered by person and action, and as CSV. */
export function auditRoutes(deps: PlatformDeps): AnyRoute[] {
  const list = defineRoute({
    method: 'get',
    path: '/v1/audit',
    summary: 'The audit log, newest first (owners and admins); filter by person and action, cursor pagination',
    tag: 'audit',
    access: { kind: 'user', roles: admins },
    query: listQuery,
    responses: {
      200: {
        description: 'A page of audit entries',
        schema: z.object({ items: z.array(auditEventView), nextCursor: z.string().nullable() }),
      },
    },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      const filter = where(query);
      if (query.cursor) {
        const [createdAt, id] = decodeCursor(query.cursor, [isIsoTimestamp, isUuid]);
        filter.sql += ' and (a.created_at, a.id) < (?::timestamptz, ?::uuid)';
        filter.values.push(createdAt as string, id as string);
      }
      const rows = await deps.sql.query<AuditRow>(
        user.tenantId,
        `${SELECT} where ${filter.sql} order by a.created_at desc, a.id desc limit ?`,
        [...filter.values, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      ctx.body = {
        items: page,
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
      };
    },
  });

  const exportCsv = defineRoute({
    method: 'get',
    path: '/v1/audit/export',
    summary: 'The audit log as CSV (owners and admins), with the same filters; the export is itself recorded',
    tag: 'audit',
    access: { kind: 'user', roles: admins },
    query: exportQuery,
    responses: { 200: { description: 'text/csv, newest first' } },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      const filter = where(query);
      const rows = await inTenant(deps.orm, user.tenantId, async (em) => {
        await recordAudit(em, {
          tenantId: user.tenantId,
          actorId: user.userId,
          action: 'export.audit_csv',
          details: { userId: query.userId ?? null, action: query.action ?? null },
          origin: requestOrigin(ctx),
        });
        return em.execute<AuditRow[]>(`${SELECT} where ${filter.sql} order by a.created_at desc, a.id desc limit ?`, [
          ...filter.values,
          EXPORT_LIMIT,
        ]);
      });
      const header = ['created_at', 'action', 'actor_id', 'actor_name', 'target_type', 'target_id', 'details'];
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', 'attachment; filename="audit-log.csv"');
      ctx.body = csvText([
        [...header, 'ip', 'user_agent'],
        ...rows.map((r) => [
          r.createdAt,
          r.action,
          r.actorId,
          r.actorName,
          r.targetType,
          r.targetId,
          JSON.stringify(r.details),
          r.ip,
          r.userAgent,
        ]),
      ]);
    },
  });

  return [list, exportCsv];
}
