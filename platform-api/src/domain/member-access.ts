import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@pocdojo/common/contracts/vocabularies';
import type { Locale } from '@pocdojo/common/i18n/locales';
import type { TenantId, UserId } from '@pocdojo/common/ids';
import type { TenantSql } from '../db/tenant-sql.ts';
import { problem } from '../errors.ts';

/** What authorisation reads of a member on every request: their role and token version now. */
export interface CurrentMember {
  role: Role;
  tokenVersion: number;
  /** The member's language (their profile's choice): the language of every answer they get. */
  locale: Locale;
  /** Two-factor login is on for the member. */
  mfaEnabled: boolean;
  /** The team requires two-factor login of everyone. */
  teamRequiresMfa: boolean;
}

/** Reads a member's current role and token version; null when they are no longer in the team. */
export type MemberLookup = (tenantId: TenantId, userId: UserId) => Promise<CurrentMember | null>;

const SELECT = `select u.role, u.token_version as "tokenVersion", u.locale, u.mfa_enabled_at is not null as "mfaEnabled",
         t.require_mfa as "teamRequiresMfa"
    from users u join tenants t on t.id = u.tenant_id where u.id = ?::uuid`;

/** The lookup as one tenant-scoped primary-key read (one round trip, under row-level security). */
export const memberLookup =
  (sql: TenantSql): MemberLookup =>
  async (tenantId, userId) =>
    (await sql.query<CurrentMember>(tenantId, SELECT, [userId]))[0] ?? null;

export const accountGone = () => problem('unauthenticated', 'account.not_in_team');
export const sessionEnded = () => problem('token_revoked', 'session.ended');

/**
 * Re-reads the caller inside the request's own transaction and locks the row
 * (FOR SHARE) until it commits, for changes that rest on the caller's privileges:
 * a demotion or removal that commits between the request's authentication and
 * its transaction then waits for it or wins, never interleaves. Returns the role.
 */
export async function lockCaller(em: EntityManager, caller: { userId: UserId; tokenVersion: number }): Promise<Role> {
  const rows = await em.execute<CurrentMember[]>(`${SELECT} for share of u`, [caller.userId]);
  const row = rows[0];
  if (!row) throw accountGone();
  if (row.tokenVersion !== caller.tokenVersion) throw sessionEnded();
  return row.role;
}
