import type { Role } from '@pocdojo/common/contracts/vocabularies';
import type { MemberDirectory } from '../../domain/member-directory.ts';

/** The MemberDirectory over platform-api's `GET /internal/v1/members/{userId}` (Bearer INTERNAL_TOKEN). */
export function platformMemberDirectory(options: {
  baseUrl: string;
  internalToken: string;
  timeoutMs?: number;
}): MemberDirectory {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (tenantId, userId) => {
    const url = `${base}/internal/v1/members/${encodeURIComponent(userId)}?tenantId=${encodeURIComponent(tenantId)}`;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${options.internalToken}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`platform-api answered ${response.status} for the member lookup`);
    const body = (await response.json()) as { role: Role; tokenVersion: number };
    return { role: body.role, tokenVersion: body.tokenVersion };
  };
}
