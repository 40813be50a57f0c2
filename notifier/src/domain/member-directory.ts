import type { Role } from '@pocdojo/common/contracts/vocabularies';
import type { TenantId, UserId } from '@pocdojo/common/ids';

/** A member as platform-api knows them now (not as their access token remembers them). */
export interface CurrentMember {
  role: Role;
  /** Moves on when the member's role or password changes or they sign out everywhere; tokens carry it as `ver`. */
  tokenVersion: number;
}

/**
 * Who is a member of which team, and with which role, right now. platform-api
 * owns memberships; notifier asks it on every authenticated request, so that a
 * removed member or a demoted admin loses access at once, as in platform-api.
 * Adapter: PlatformMemberDirectory (platform-api's internal endpoint).
 */
export type MemberDirectory = (tenantId: TenantId, userId: UserId) => Promise<CurrentMember | null>;
