import type { TenantMember } from '@pocdojo/common/contracts/members';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';

/** A tenant member as the platform's internal export lists them. */
export type Member = TenantMember;

/** Which POCs to read: one tenant, optionally one owner, POC date in [from, to). */
export interface PocQuery {
  tenantId: string;
  ownerId?: string | null;
  /** ISO date or date-time, inclusive. */
  from: string;
  /** ISO date or date-time, exclusive. */
  to: string;
}

/**
 * Where the worker reads the data it renders. The production adapter is the
 * platform's internal export over HTTP (`HttpPocSource`); tests may feed fixtures.
 * Implementations throw `JobError` (retryable or not) on failure.
 */
export interface PocSource {
  listPocs(query: PocQuery, signal?: AbortSignal): Promise<SearchablePoc[]>;
  listMembers(tenantId: string, signal?: AbortSignal): Promise<Member[]>;
}
