import { isUuid } from '@pocdojo/common/contracts/ids';

/**
 * Best-effort ids from a message that failed validation, so the platform can
 * still be told which job failed. Null when the body gives no usable ids.
 */
export function salvageIds(body: string | undefined): { jobId: string; tenantId: string } | null {
  try {
    const value = JSON.parse(body ?? '') as { tenantId?: unknown; data?: { jobId?: unknown } } | null;
    const jobId = value?.data?.jobId;
    const tenantId = value?.tenantId;
    return isUuid(jobId) && isUuid(tenantId) ? { jobId, tenantId } : null;
  } catch {
    return null;
  }
}

/** A short human reason from a parse or validation error (zod issues or JSON syntax). */
export function describeInvalid(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (Array.isArray(issues) && issues.length) {
    return issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
  }
  return error instanceof SyntaxError
    ? `body is not JSON (${error.message})`
    : String((error as Error)?.message ?? error);
}
