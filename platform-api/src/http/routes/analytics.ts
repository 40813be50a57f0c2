import { PocStatuses } from '@pocdojo/common/contracts/vocabularies';
import { computeReportFigures, FunnelStages } from '@pocdojo/common/report-figures';
import { z } from 'zod';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { POC_COLUMNS, type PocRow, rowToView, toSearchable } from '../../domain/poc-view.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';
import { calendarDate } from '../schemas.ts';

const label = z.string().trim().min(1).max(100);

const analyticsQuery = z
  .object({
    from: calendarDate,
    /** Exclusive end, like reports. */
    to: calendarDate,
    memberId: z.uuid().optional(),
    language: label.optional(),
    tag: label.optional(),
  })
  .strict()
  .refine((q) => q.from < q.to, { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 5 * 366 * 86_400_000, {
    message: 'at most five years',
    path: ['to'],
  });

const count = z.object({ name: z.string(), count: z.number().int() });

/** The report figures (`common/report-figures.ts`), plus what the page's filters offer. */
const analyticsView = z
  .object({
    tenantId: z.uuid(),
    tenantName: z.string().nullable(),
    userId: z.uuid().nullable(),
    userName: z.string().nullable(),
    language: z.string().nullable(),
    tag: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    totals: z.object({
      pocs: z.number().int(),
      members: z.number().int(),
      owners: z.number().int(),
      languages: z.number().int(),
      tags: z.number().int(),
      started: z.number().int(),
      done: z.number().int(),
    }),
    byLanguage: z.array(count),
    byTag: z.array(count),
    topTags: z.array(count),
    byMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
    byMember: z.array(
      z.object({ memberId: z.string(), name: z.string(), count: z.number().int(), done: z.number().int() }),
    ),
    byStatus: z.array(z.object({ status: z.enum(PocStatuses), count: z.number().int() })),
    funnel: z.array(z.object({ stage: z.enum(FunnelStages), reached: z.number().int(), rate: z.number() })),
    newVersusFinished: z.array(z.object({ month: z.string(), started: z.number().int(), finished: z.number().int() })),
    options: z.object({
      members: z.array(z.object({ id: z.uuid(), name: z.string() })),
      languages: z.array(z.string()),
      tags: z.array(z.string()),
    }),
  })
  .meta({ id: 'Analytics' });

/**
 * `GET /v1/analytics`: the team's figures for a period, filtered by member,
 * language and tag, for the web app's charts. Computed by the same function as
 * the PDF, CSV and JSON reports, so a figure cannot mean two things.
 */
export function analyticsRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  const analytics = defineRoute({
    method: 'get',
    path: '/v1/analytics',
    summary: "The team's report figures for a period (to exclusive), by member, language and tag",
    tag: 'media',
    access: { kind: 'user' },
    query: analyticsQuery,
    responses: { 200: { description: 'Figures and the filter options of the period', schema: analyticsView } },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      const { rows, members, tenant } = await inTenant(orm, user.tenantId, async (em) => ({
        // The same window as the internal export: the POC's date is when it started, else when it was registered.
        rows: await em.execute<PocRow[]>(
          `select ${POC_COLUMNS} from pocs
            where coalesce(started_at, created_at::date) >= ?::date and coalesce(started_at, created_at::date) < ?::date`,
          [query.from, query.to],
        ),
        members: await em.find(User, {}, { orderBy: { name: 'asc' } }),
        tenant: await em.findOne(Tenant, { id: user.tenantId }),
      }));
      const pocs = rows.map((row) => toSearchable(row.tenant_id, rowToView(row)));
      const scope = {
        tenantId: user.tenantId,
        tenantName: tenant?.name ?? null,
        from: query.from,
        to: query.to,
      };
      const figures = computeReportFigures(
        pocs,
        members.map((member) => ({ id: member.id, name: member.name })),
        { ...scope, userId: query.memberId ?? null, language: query.language ?? null, tag: query.tag ?? null },
      );
      // The filters offer every label of the period, whatever is selected, so a choice can be undone.
      const unfiltered = computeReportFigures(pocs, [], { ...scope, userId: null });
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = {
        ...figures,
        options: {
          members: members.map((member) => ({ id: member.id, name: member.name })),
          languages: unfiltered.byLanguage.map((c) => c.name),
          tags: unfiltered.byTag.map((c) => c.name),
        },
      };
    },
  });

  return [analytics];
}
