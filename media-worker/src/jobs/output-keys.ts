/**
 * Object keys of job outputs. They depend only on the job, so a redelivered
 * or duplicated job overwrites the same object instead of adding one, and
 * they always start with the tenant's prefix (architecture §5).
 */
export function tenantPrefix(tenantId: string): string {
  return `tenants/${tenantId}/`;
}

export function reportKey(tenantId: string, jobId: string, extension: 'pdf' | 'csv' | 'json'): string {
  return `${tenantPrefix(tenantId)}reports/${jobId}.${extension}`;
}

export function videoKey(tenantId: string, userId: string, year: number, jobId: string): string {
  return `${tenantPrefix(tenantId)}videos/${userId}/${year}-${jobId}.mp4`;
}

/** A member's personal data archive: under the tenant's prefix, beside nothing but that member's other exports. */
export function personalDataKey(tenantId: string, userId: string, jobId: string): string {
  return `${tenantPrefix(tenantId)}exports/${userId}/${jobId}.zip`;
}
