import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { effectiveLimits, type QuotaLimits, type QuotaOverrides } from './plans.ts';
import { dailyQuotaExceeded, quotaExceeded } from './quota-problems.ts';

/** A tenant's plan and the limits it gets, read inside the caller's tenant-scoped transaction. */
export interface TenantPlan {
  plan: string;
  limits: QuotaLimits;
}

/**
 * Serialises the quota-guarded writes of one tenant (POCs, attachments, media
 * jobs) until the transaction ends, so two requests on two replicas cannot
 * both see room for the last unit. Other tenants never wait on it.
 */
export async function lockTenantQuota(em: EntityManager, tenantId: TenantId): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`quota:${tenantId}`]);
}

export async function tenantPlan(em: EntityManager, tenantId: TenantId): Promise<TenantPlan> {
  const [row] = await em.execute<{ plan: string; quota_overrides: QuotaOverrides }[]>(
    'select plan, quota_overrides from tenants where id = ?',
    [tenantId],
  );
  const plan = row?.plan ?? 'free';
  return { plan, limits: effectiveLimits(plan, row?.quota_overrides ?? {}) };
}

/** Bytes the tenant keeps: attachments (as declared when their upload was signed) and rendered media. */
export async function storageBytesUsed(em: EntityManager): Promise<number> {
  const [row] = await em.execute<{ bytes: string }[]>(
    `select (coalesce((select sum(bytes) from attachments), 0)
           + coalesce((select sum(result_bytes) from jobs), 0))::text as bytes`,
  );
  return Number(row?.bytes ?? 0);
}

/**
 * Refuses an attachment of `bytes` that is larger than the plan's single-file
 * limit, or that would take the tenant past its storage. Call under the lock.
 */
export async function assertAttachmentFits(em: EntityManager, tenant: TenantPlan, bytes: number): Promise<void> {
  const { plan, limits } = tenant;
  if (bytes > limits.attachmentBytes) {
    throw quotaExceeded({ limit: 'attachmentBytes', value: limits.attachmentBytes, plan }, 'quota.attachment', {
      max: limits.attachmentBytes,
      plan,
    });
  }
  const used = await storageBytesUsed(em);
  if (used + bytes > limits.storageBytes) {
    throw quotaExceeded({ limit: 'storageBytes', value: limits.storageBytes, plan }, 'quota.storage', {
      max: limits.storageBytes,
      plan,
      used,
    });
  }
}

/** Refuses a media job past the plan's per-day count of its kind (UTC day). Call under the lock. */
export async function assertDailyJobQuota(
  em: EntityManager,
  tenant: TenantPlan,
  kind: 'report' | 'video',
): Promise<void> {
  const limit = kind === 'report' ? 'reportsPerDay' : 'videosPerDay';
  const value = tenant.limits[limit];
  const [row] = await em.execute<{ n: number }[]>(
    `select count(*)::int as n from jobs where kind = ? and created_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'`,
    [kind],
  );
  if ((row?.n ?? 0) >= value) {
    throw dailyQuotaExceeded(
      { limit, value, plan: tenant.plan },
      kind === 'report' ? 'quota.daily_report' : 'quota.daily_video',
      { max: value, plan: tenant.plan },
    );
  }
}
