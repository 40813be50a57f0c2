import { currentMember } from '@pocdojo/common/internal-api-client';
import type { MemberDirectory } from '../../domain/member-directory.ts';

/** The MemberDirectory over platform-api's `GET /internal/v1/members/{userId}` (Bearer INTERNAL_TOKEN). */
export function platformMemberDirectory(options: {
  baseUrl: string;
  internalToken: string;
  timeoutMs?: number;
}): MemberDirectory {
  const endpoint = { baseUrl: options.baseUrl, token: options.internalToken, timeoutMs: options.timeoutMs ?? 5000 };
  return (tenantId, userId) => currentMember(endpoint, tenantId, userId);
}
