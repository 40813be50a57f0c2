import type { MikroORM } from '@mikro-orm/postgresql';
import { isTenantKey } from '@pocdojo/common/contracts/tenant-keys';
import { EventTypes, type TypedEnvelope } from '@pocdojo/common/events';
import type { TenantId } from '@pocdojo/common/ids';
import type { Logger } from '@pocdojo/common/logger';
import { inTenant } from '../db/tenant-scope.ts';
import { admitWaiting } from '../quotas/media-admission.ts';
import { notifyJobFinished } from './activity-notifications.ts';

interface FinishedJob {
  id: string;
  kind: string;
  requested_by: string;
}

/**
 * Applies one media-worker result to its job, idempotently: progress only moves
 * forward while the job runs; a completion wins over everything (a retried job
 * may succeed after a failure was reported); a failure never overrides success.
 * A result pointing outside the tenant's prefix is refused.
 */
export async function applyMediaResult(orm: MikroORM, logger: Logger, envelope: TypedEnvelope): Promise<void> {
  const tenantId = envelope.tenantId as TenantId;
  await inTenant(orm, tenantId, async (em) => {
    switch (envelope.type) {
      case EventTypes.mediaProgress:
        await em.execute(
          `update jobs set status = 'running', progress = greatest(progress, ?), stage = coalesce(?, stage), updated_at = now()
            where id = ? and status in ('queued', 'running')`,
          [Math.floor(envelope.data.progress), envelope.data.stage ?? null, envelope.data.jobId],
        );
        return;
      case EventTypes.mediaCompleted: {
        if (!isTenantKey(tenantId, envelope.data.key)) {
          logger.error({ jobId: envelope.data.jobId, key: envelope.data.key }, 'result key outside the tenant prefix');
          return;
        }
        const done = await em.execute<FinishedJob[]>(
          `update jobs set status = 'succeeded', progress = 100, error = null, result_key = ?, result_bytes = ?,
             result_content_type = ?, result_seconds = ?, updated_at = now()
            where id = ? and status <> 'succeeded' returning id, kind, requested_by`,
          [
            envelope.data.key,
            envelope.data.bytes,
            envelope.data.contentType,
            envelope.data.durationSeconds ?? null,
            envelope.data.jobId,
          ],
        );
        // Only the transition is announced: a redelivered result changes no row and tells nobody twice.
        for (const job of done) await notifyJobFinished(em, job, { succeeded: true });
        // The finished job's slot goes to the team's next waiting job (fair queueing).
        if (done.length) await admitWaiting(em, tenantId);
        return;
      }
      case EventTypes.mediaFailed: {
        const failed = await em.execute<FinishedJob[]>(
          `update jobs set status = 'failed', error = ?, updated_at = now() where id = ? and status in ('queued', 'running') returning id, kind, requested_by`,
          [envelope.data.error.slice(0, 1000), envelope.data.jobId],
        );
        for (const job of failed) await notifyJobFinished(em, job, { succeeded: false, error: envelope.data.error });
        if (failed.length) await admitWaiting(em, tenantId);
        return;
      }
      default:
        logger.warn({ type: envelope.type }, 'unexpected event on media-results; ignored');
    }
  });
}
