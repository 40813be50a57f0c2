import { randomUUID } from 'node:crypto';
import { EventTypes, Queues } from '@pocdojo/common/events';
import { z } from 'zod';
import { Job } from '../../db/entities/Job.ts';
import { inTenant } from '../../db/tenant-scope.ts';
import type { PlatformDeps } from '../../deps.ts';
import { recordAudit, requestOrigin } from '../../domain/audit-log.ts';
import { assertExportAllowed, personalDataExportDefaults } from '../../domain/personal-data-exports.ts';
import { admitOrHold } from '../../quotas/media-admission.ts';
import { lockTenantQuota, tenantPlan } from '../../quotas/tenant-quotas.ts';
import { type AnyRoute, defineRoute } from '../api-route.ts';
import { asUser } from '../authentication.ts';
import { jobReader } from './jobs.ts';

/**
 * A member asks for an archive of all their personal data (LGPD Art. 18, II
 * and V): a media job like a report, followed at `GET /v1/jobs/{id}` (progress,
 * then a five-minute presigned link to the zip). Any role may ask, only for
 * themselves, and only they ever see the job (an admin's team view included).
 */
export function personalDataExportRoutes(deps: PlatformDeps): AnyRoute[] {
  const { orm } = deps;

  const request = defineRoute({
    method: 'post',
    path: '/v1/me/exports',
    summary:
      'Ask for an archive of all your personal data (a zip of JSON files and your attachments), made in the background',
    tag: 'members',
    access: { kind: 'user' },
    responses: {
      202: {
        description:
          'Queued: follow it at `GET /v1/jobs/{jobId}` (Location); when it succeeds, `result.url` downloads the zip ' +
          `for five minutes, and the archive itself is deleted after ${personalDataExportDefaults.keepDays} days`,
        schema: z.object({ jobId: z.uuid() }).meta({ id: 'PersonalDataExportQueued' }),
      },
      409: { description: '`export_in_progress`: an export of yours is still queued or running' },
      429: {
        description: `\`rate_limited\`: ${personalDataExportDefaults.perDay} exports in the last 24 hours (Retry-After)`,
      },
    },
    async handler({ auth, ctx }) {
      const user = asUser(auth);
      const reader = await jobReader(orm, user);
      const id = randomUUID();
      await inTenant(orm, user.tenantId, async (em) => {
        await assertExportAllowed(em, user.userId);
        await lockTenantQuota(em, user.tenantId);
        const tenant = await tenantPlan(em, user.tenantId);
        em.create(Job, {
          id,
          tenantId: user.tenantId,
          requestedBy: user.userId,
          subjectUserId: user.userId,
          kind: 'personal_data',
          params: {},
          status: 'queued',
          progress: 0,
        });
        await em.flush();
        // The team's fair share of the worker, like reports and videos (not their daily quotas).
        await admitOrHold(em, tenant, id, {
          queue: Queues.mediaJobs,
          type: EventTypes.personalDataRequested,
          tenantId: user.tenantId,
          groupKey: id,
          data: { jobId: id, userId: user.userId, ...reader },
        });
        await recordAudit(em, {
          tenantId: user.tenantId,
          actorId: user.userId,
          action: 'export.personal_data_requested',
          targetType: 'job',
          targetId: id,
          details: { subjectUserId: user.userId },
          origin: requestOrigin(ctx),
        });
      });
      deps.eventsWritten();
      ctx.status = 202;
      ctx.set('Location', `/v1/jobs/${id}`);
      ctx.body = { jobId: id };
    },
  });

  return [request];
}
