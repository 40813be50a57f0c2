import type { TenantId } from '@pocdojo/common/contracts/ids';
import { z } from 'zod';
import { inSystemScope, inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { admitWaiting } from '../../quotas/media-admission.ts';
import { PlanNames, quotaOverridesSchema } from '../../quotas/plans.ts';
import { storageBytesUsed, tenantPlan } from '../../quotas/tenant-quotas.ts';
import { tenantUsage } from '../../quotas/tenant-usage.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { calendarDate, idParams } from '../schemas.ts';

const limitsView = z
  .object({
    pocs: z.number(),
    storageBytes: z.number(),
    attachmentBytes: z.number(),
    reportsPerDay: z.number(),
    videosPerDay: z.number(),
    concurrentJobs: z.number(),
    dojoParticipants: z.number(),
  })
  .meta({ id: 'QuotaLimits' });

const usageView = z
  .object({
    tenantId: z.uuid(),
    name: z.string(),
    plan: z.string(),
    pocs: z.number().int(),
    storageBytes: z.number().int(),
    videoMinutes: z.number(),
    reports: z.number().int(),
    videos: z.number().int(),
    activeUsers: z.number().int(),
  })
  .meta({ id: 'TenantUsage' });

const planBody = z
  .object({ plan: z.enum(PlanNames), overrides: quotaOverridesSchema.default({}) })
  .strict()
  .meta({ id: 'TenantPlanChange' });

/** The first day of the current UTC month and of the next one: the default billing period. */
function currentMonth(now = new Date()): { from: string; to: string } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/**
 * Operator endpoints (Bearer INTERNAL_TOKEN) for billing and support: a
 * tenant's plan and limits, changing them, and usage per tenant. Never exposed
 * through the public ingress, like every /internal route.
 */
export function tenantAdminRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  const quotas = defineRoute({
    method: 'get',
    path: '/internal/v1/tenants/:id/quotas',
    summary: "A tenant's plan, overrides, effective limits and what it uses now",
    tag: 'internal',
    access: { kind: 'internal' },
    params: idParams,
    responses: {
      200: {
        description: 'Plan and limits',
        schema: z.object({
          plan: z.string(),
          overrides: quotaOverridesSchema,
          limits: limitsView,
          used: z.object({
            pocs: z.number(),
            storageBytes: z.number(),
            jobsInFlight: z.number(),
            jobsWaiting: z.number(),
          }),
        }),
      },
    },
    async handler({ params, ctx }) {
      const tenantId = params.id as TenantId;
      ctx.body = await inTenant(orm, tenantId, async (em) => {
        const [row] = await em.execute<{ quota_overrides: Record<string, number> }[]>(
          'select quota_overrides from tenants where id = ?',
          [params.id],
        );
        if (!row) throw notFound('notfound.team');
        const tenant = await tenantPlan(em, tenantId);
        const [counts] = await em.execute<{ pocs: number; in_flight: number; waiting: number }[]>(
          `select (select count(*) from pocs)::int as pocs,
                  (select count(*) from jobs where admitted_at is not null and status in ('queued', 'running'))::int as in_flight,
                  (select count(*) from jobs where admitted_at is null and pending_event is not null)::int as waiting`,
        );
        return {
          plan: tenant.plan,
          overrides: row.quota_overrides,
          limits: tenant.limits,
          used: {
            pocs: counts?.pocs ?? 0,
            storageBytes: await storageBytesUsed(em),
            jobsInFlight: counts?.in_flight ?? 0,
            jobsWaiting: counts?.waiting ?? 0,
          },
        };
      });
    },
  });

  const setPlan = defineRoute({
    method: 'put',
    path: '/internal/v1/tenants/:id/plan',
    summary: 'Puts a tenant on a plan, with per-limit overrides (replacing earlier ones); waiting jobs take new slots',
    tag: 'internal',
    access: { kind: 'internal' },
    params: idParams,
    body: planBody,
    responses: {
      200: { description: 'The new plan and limits', schema: z.object({ plan: z.string(), limits: limitsView }) },
    },
    async handler({ params, body, ctx }) {
      const tenantId = params.id as TenantId;
      const result = await inTenant(orm, tenantId, async (em) => {
        const updated = await em.execute<{ id: string }[]>(
          'update tenants set plan = ?, quota_overrides = ?::jsonb where id = ? returning id',
          [body.plan, JSON.stringify(body.overrides), params.id],
        );
        if (!updated.length) throw notFound('notfound.team');
        // A raised concurrentJobs lets waiting jobs go now rather than when the next job ends.
        await admitWaiting(em, tenantId);
        return tenantPlan(em, tenantId);
      });
      deps.eventsWritten();
      ctx.body = result;
    },
  });

  const usage = defineRoute({
    method: 'get',
    path: '/internal/v1/usage',
    summary: 'Usage per tenant over [from, to) (default: this UTC month), aggregated in Postgres',
    tag: 'internal',
    access: { kind: 'internal' },
    query: z
      .object({ from: calendarDate.optional(), to: calendarDate.optional(), tenantId: z.uuid().optional() })
      .strict(),
    responses: {
      200: {
        description: 'One row per tenant',
        schema: z.object({ from: z.string(), to: z.string(), items: z.array(usageView) }),
      },
    },
    async handler({ query, ctx }) {
      const month = currentMonth();
      const period = { from: query.from ?? month.from, to: query.to ?? month.to };
      const items = await inSystemScope(orm, (em) => tenantUsage(em, period, query.tenantId));
      ctx.body = { ...period, items };
    },
  });

  return [quotas, setPlan, usage];
}
