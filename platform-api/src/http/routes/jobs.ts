import { randomUUID } from 'node:crypto';
import { JobKinds, JobStatuses } from '@pocdojo/common/contracts/vocabularies';
import { EventTypes, Queues, reportFormats, reportScopeSchema } from '@pocdojo/common/events';
import type { TenantId } from '@pocdojo/common/ids';
import type { Locale } from '@pocdojo/common/notifications';
import { z } from 'zod';
import { Job, type JobEntity } from '../../db/entities/Job.ts';
import { Tenant } from '../../db/entities/Tenant.ts';
import { User } from '../../db/entities/User.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { type RequestOrigin, recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import type { OutboxRecord } from '../../domain/outbox.ts';
import { fieldError, notFound, problem } from '../../errors.ts';
import { admitOrHold } from '../../quotas/media-admission.ts';
import { assertDailyJobQuota, lockTenantQuota, tenantPlan } from '../../quotas/tenant-quotas.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser, isAdmin, type UserAuth } from '../authentication.ts';
import { calendarDate, idParams } from '../schemas.ts';

const RESULT_URL_TTL_SECONDS = 300;

const reportBody = z
  .object({ scope: reportScopeSchema, from: calendarDate, to: calendarDate, format: z.enum(reportFormats) })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'field.from_after_to', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 5 * 366 * 86_400_000, {
    message: 'field.report_span',
    path: ['to'],
  })
  .meta({ id: 'ReportRequest' });

const videoBody = z
  .object({ year: z.number().int().min(2000).max(2100), userId: z.uuid().optional() })
  .strict()
  .meta({ id: 'VideoRequest' });

const jobView = z
  .object({
    id: z.uuid(),
    kind: z.enum(JobKinds),
    status: z.enum(JobStatuses),
    progress: z.number().int(),
    stage: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    /** The member a report or video is about (null for a whole-team report), for people to read. */
    subjectName: z.string().nullable(),
    error: z.string().optional(),
    result: z.object({ url: z.string(), bytes: z.number(), contentType: z.string() }).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Job' });

/**
 * Members see the jobs they asked for or that are about them; admins see the team's, except
 * personal data exports, which only the member who asked for one ever sees (another tenant's
 * job, or someone else's export, is a 404 alike).
 */
const visibleTo = (auth: UserAuth, job: JobEntity) =>
  job.kind === 'personal_data'
    ? job.requestedBy === auth.userId
    : isAdmin(auth) || job.requestedBy === auth.userId || job.subjectUserId === auth.userId;

/**
 * How the requester reads and which team it is: their language (profile), São Paulo time (the
 * customers' zone, until members can choose theirs), and the team's name for the cover.
 */
export async function jobReader(orm: PlatformDeps['orm'], auth: UserAuth) {
  const [me, tenant] = await inTenant(orm, auth.tenantId, (em) =>
    Promise.all([em.findOne(User, { id: auth.userId }), em.findOne(Tenant, { id: auth.tenantId })]),
  );
  const locale: Locale = me?.locale === 'en' ? 'en' : 'pt-BR';
  return { locale, timeZone: 'America/Sao_Paulo', ...(tenant ? { tenantName: tenant.name } : {}) };
}

export function jobRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  async function view(job: JobEntity, names: Map<string, string>) {
    const base = {
      id: job.id,
      kind: job.kind,
      status: job.status,
      progress: job.progress,
      stage: job.stage ?? null,
      params: job.params,
      subjectName: job.subjectUserId ? (names.get(job.subjectUserId) ?? null) : null,
      createdAt: job.createdAt.toISOString(),
      updatedAt: job.updatedAt.toISOString(),
    };
    if (job.status === 'failed') return { ...base, error: job.error ?? 'failed' };
    if (job.status !== 'succeeded' || !job.resultKey) return base;
    const extension = job.resultKey.split('.').pop();
    const fileName =
      job.kind === 'personal_data'
        ? `pocdojo-data-${job.createdAt.toISOString().slice(0, 10)}.${extension}`
        : `${job.kind}-${(job.params.year ?? job.params.from ?? job.id) as string}.${extension}`;
    return {
      ...base,
      result: {
        url: await deps.objects.presignGet(job.resultKey, { expiresIn: RESULT_URL_TTL_SECONDS, fileName }),
        bytes: Number(job.resultBytes ?? 0),
        contentType: job.resultContentType ?? 'application/octet-stream',
      },
    };
  }

  /** Names of the members the jobs are about, read in the caller's tenant. */
  async function subjectNames(auth: UserAuth, jobs: JobEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(jobs.flatMap((job) => (job.subjectUserId ? [job.subjectUserId] : [])))];
    if (ids.length === 0) return new Map();
    const users = await inTenant(orm, auth.tenantId, (em) => em.find(User, { id: { $in: ids } }));
    return new Map(users.map((user) => [user.id, user.name]));
  }

  const readerOf = (auth: UserAuth) => jobReader(orm, auth);

  /** The member a job is about: self, or (admins only) another member of the team. */
  async function subject(auth: UserAuth, userId: string | undefined) {
    const id = userId ?? auth.userId;
    if (id !== auth.userId && !isAdmin(auth)) throw problem('forbidden', 'job.admin_only_other');
    const user = await inTenant(orm, auth.tenantId, (em) => em.findOne(User, { id }));
    if (!user) {
      throw problem('validation_failed', 'job.no_member', {
        errors: [fieldError('userId', 'field.not_member')],
      });
    }
    return user;
  }

  /** Queues a job, with its event and the audit entry of the export it is, in one transaction. */
  async function enqueue(
    auth: UserAuth,
    job: { kind: 'report' | 'video'; subjectUserId: string | null; params: Record<string, unknown> },
    event: (jobId: string) => OutboxRecord,
    origin: RequestOrigin,
  ) {
    const id = randomUUID();
    await inTenant(orm, auth.tenantId, async (em) => {
      await lockTenantQuota(em, auth.tenantId);
      const tenant = await tenantPlan(em, auth.tenantId);
      await assertDailyJobQuota(em, tenant, job.kind);
      em.create(Job, { id, tenantId: auth.tenantId, requestedBy: auth.userId, status: 'queued', progress: 0, ...job });
      await em.flush();
      await admitOrHold(em, tenant, id, event(id));
      await recordAudit(em, {
        tenantId: auth.tenantId,
        actorId: auth.userId,
        action: job.kind === 'video' ? 'export.video_requested' : 'export.report_requested',
        targetType: 'job',
        targetId: id,
        details: { subjectUserId: job.subjectUserId },
        origin,
      });
    });
    deps.eventsWritten();
    return id;
  }

  const requestReport = defineRoute({
    method: 'post',
    path: '/v1/reports',
    summary: 'Ask for a report (PDF, CSV or JSON) of the team, yourself or (admins) a member',
    tag: 'media',
    access: { kind: 'user' },
    body: reportBody,
    responses: {
      202: {
        description: "Queued (it waits for a free slot past the plan's concurrent jobs)",
        schema: z.object({ jobId: z.uuid() }),
      },
      429: { description: "The plan's jobs of this kind per day are used up (`limit`, `value`; Retry-After)" },
    },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      const scopeUser =
        body.scope === 'tenant' ? null : (await subject(user, body.scope === 'me' ? undefined : body.scope.userId)).id;
      const reader = await readerOf(user);
      const jobId = await enqueue(
        user,
        {
          kind: 'report',
          subjectUserId: scopeUser,
          params: { scope: body.scope, from: body.from, to: body.to, format: body.format },
        },
        (id) => ({
          queue: Queues.mediaJobs,
          type: EventTypes.reportRequested,
          tenantId: user.tenantId as TenantId,
          groupKey: id,
          data: {
            jobId: id,
            requestedBy: user.userId,
            userId: scopeUser,
            from: body.from,
            to: body.to,
            format: body.format,
            ...reader,
          },
        }),
        requestOrigin(ctx),
      );
      ctx.status = 202;
      ctx.set('Location', `/v1/jobs/${jobId}`);
      ctx.body = { jobId };
    },
  });

  const requestVideo = defineRoute({
    method: 'post',
    path: '/v1/videos',
    summary: "Ask for a member's yearly video (yourself by default; admins for others)",
    tag: 'media',
    access: { kind: 'user' },
    body: videoBody,
    responses: {
      202: {
        description: "Queued (it waits for a free slot past the plan's concurrent jobs)",
        schema: z.object({ jobId: z.uuid() }),
      },
      429: { description: "The plan's jobs of this kind per day are used up (`limit`, `value`; Retry-After)" },
    },
    async handler({ auth, body, ctx }) {
      const user = asUser(auth);
      const member = await subject(user, body.userId);
      const reader = await readerOf(user);
      const jobId = await enqueue(
        user,
        { kind: 'video', subjectUserId: member.id, params: { year: body.year, userId: member.id } },
        (id) => ({
          queue: Queues.mediaJobs,
          type: EventTypes.videoRequested,
          tenantId: user.tenantId,
          groupKey: id,
          data: {
            jobId: id,
            requestedBy: user.userId,
            userId: member.id,
            userName: member.name,
            year: body.year,
            ...reader,
          },
        }),
        requestOrigin(ctx),
      );
      ctx.status = 202;
      ctx.set('Location', `/v1/jobs/${jobId}`);
      ctx.body = { jobId };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/jobs/:id',
    summary: 'A job: status, progress, and when done a short-lived download URL',
    tag: 'media',
    access: { kind: 'user' },
    params: idParams,
    responses: { 200: { description: 'The job', schema: jobView } },
    async handler({ auth, params, ctx }) {
      const user = asUser(auth);
      const job = await inTenant(orm, user.tenantId, (em) => em.findOne(Job, { id: params.id }));
      if (!job || !visibleTo(user, job)) throw notFound('notfound.job');
      ctx.body = await view(job, await subjectNames(user, [job]));
    },
  });

  const list = defineRoute({
    method: 'get',
    path: '/v1/jobs',
    summary: "The caller's jobs (asked by or about them), newest first",
    tag: 'media',
    access: { kind: 'user' },
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict(),
    responses: { 200: { description: 'Jobs', schema: z.object({ items: z.array(jobView) }) } },
    async handler({ auth, query, ctx }) {
      const user = asUser(auth);
      const jobs = await inTenant(orm, user.tenantId, (em) =>
        em.find(
          Job,
          { $or: [{ requestedBy: user.userId }, { subjectUserId: user.userId }] },
          { orderBy: { createdAt: 'desc' }, limit: query.limit },
        ),
      );
      const names = await subjectNames(user, jobs);
      ctx.body = { items: await Promise.all(jobs.map((job) => view(job, names))) };
    },
  });

  return [requestReport, requestVideo, get, list];
}
