import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { type OutboxRecord, recordEvent } from '../domain/outbox.ts';
import { lockTenantQuota, type TenantPlan, tenantPlan } from './tenant-quotas.ts';

/** The stage a job shows while it waits for one of its team's slots. */
export const WAITING_STAGE = 'waiting for a free slot';

/**
 * Fair queueing of media jobs across tenants: per-tenant admission before SQS.
 *
 * A tenant has `concurrentJobs` slots. A new job takes a free slot and its event
 * goes to the outbox (and on to SQS) in the same transaction; with no slot free,
 * the event is held on the job row and the job waits. When a job finishes, the
 * result's transaction hands the slot to the tenant's oldest waiting job. So at
 * most `concurrentJobs` messages of one tenant are ever on `media-jobs`: a team
 * that asks for 100 videos puts a few on the queue, and another team's single
 * report waits behind those few, never behind the hundred. One shared queue and
 * worker pool stay (no per-tenant queues to create, scale or alarm on).
 *
 * Call under `lockTenantQuota` (both functions take it themselves when asked).
 */
export async function admitOrHold(
  em: EntityManager,
  tenant: TenantPlan,
  jobId: string,
  event: OutboxRecord,
): Promise<'admitted' | 'waiting'> {
  if ((await slotsInUse(em)) < tenant.limits.concurrentJobs) {
    recordEvent(em, event);
    await em.execute('update jobs set admitted_at = now() where id = ?', [jobId]);
    return 'admitted';
  }
  await em.execute('update jobs set pending_event = ?::jsonb, stage = ? where id = ?', [
    JSON.stringify(event),
    WAITING_STAGE,
    jobId,
  ]);
  return 'waiting';
}

/**
 * Hands free slots to the tenant's oldest waiting jobs (after a job finished,
 * or after an operator raised the limit). Returns how many it admitted.
 */
export async function admitWaiting(em: EntityManager, tenantId: TenantId): Promise<number> {
  await lockTenantQuota(em, tenantId);
  const tenant = await tenantPlan(em, tenantId);
  const free = tenant.limits.concurrentJobs - (await slotsInUse(em));
  if (free <= 0) return 0;
  const next = await em.execute<{ id: string; pending_event: OutboxRecord }[]>(
    `select id, pending_event from jobs where admitted_at is null and pending_event is not null
      order by created_at, id limit ?`,
    [free],
  );
  for (const job of next) {
    recordEvent(em, job.pending_event);
    await em.execute(
      'update jobs set admitted_at = now(), pending_event = null, stage = null, updated_at = now() where id = ?',
      [job.id],
    );
  }
  return next.length;
}

/** The tenant's jobs holding a slot: on the queue or rendering (RLS scopes the count to the tenant). */
async function slotsInUse(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from jobs where admitted_at is not null and status in ('queued', 'running')`,
  );
  return row?.n ?? 0;
}
