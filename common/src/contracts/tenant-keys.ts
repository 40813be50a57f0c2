/**
 * Object keys in the media bucket. Every key starts with its tenant's prefix
 * (architecture §5): the workload roles grant `tenants/*`, platform-api refuses
 * a job result outside the job's tenant, and a tenant's objects can be listed
 * and erased together. Keys depend only on what they name, so a redelivered or
 * duplicated job overwrites its object instead of adding one.
 */

/** What every tenant's keys start with. */
export const TENANTS_KEY_PREFIX = 'tenants/';

/** `tenants/{tenantId}/`: the prefix of every object of one tenant. */
export function tenantPrefix(tenantId: string): string {
  return `${TENANTS_KEY_PREFIX}${tenantId}/`;
}

/** True when `key` lies under the tenant's prefix. */
export function isTenantKey(tenantId: string, key: string): boolean {
  return key.startsWith(tenantPrefix(tenantId));
}

/** A POC attachment; the file name is reduced to safe characters (its last 100). */
export function attachmentKey(tenantId: string, pocId: string, attachmentId: string, fileName: string): string {
  return `${tenantPrefix(tenantId)}pocs/${pocId}/${attachmentId}-${fileName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100)}`;
}

/** A rendered report. */
export function reportKey(tenantId: string, jobId: string, extension: 'pdf' | 'csv' | 'json'): string {
  return `${tenantPrefix(tenantId)}reports/${jobId}.${extension}`;
}

/** A member's yearly video. */
export function videoKey(tenantId: string, userId: string, year: number, jobId: string): string {
  return `${tenantPrefix(tenantId)}videos/${userId}/${year}-${jobId}.mp4`;
}

/** A member's personal data archive: under the tenant's prefix, beside nothing but that member's other exports. */
export function personalDataKey(tenantId: string, userId: string, jobId: string): string {
  return `${tenantPrefix(tenantId)}exports/${userId}/${jobId}.zip`;
}
