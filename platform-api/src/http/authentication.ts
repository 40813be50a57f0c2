import { timingSafeEqual } from 'node:crypto';
import type { Role } from '@pocdojo/common/contracts/vocabularies';
import type { TenantId, UserId } from '@pocdojo/common/ids';
import { type AccessClaims, TokenError } from '@pocdojo/common/tokens';
import type { Context } from 'koa';
import { accountGone, type MemberLookup, sessionEnded } from '../domain/member-access.ts';
import { problem } from '../errors.ts';
import type { Access } from './api-route.ts';

/** The verified caller of a request. `internal` is another PocDojo service. */
export type AuthContext =
  | { kind: 'anonymous' }
  | { kind: 'internal' }
  | {
      kind: 'user';
      userId: UserId;
      tenantId: TenantId;
      roles: readonly Role[];
      tokenVersion: number;
      /** The session (refresh-token family) the access token belongs to, when it says. */
      familyId?: string;
    };

export type UserAuth = Extract<AuthContext, { kind: 'user' }>;

const CACHE_LIMIT = 10_000;

/**
 * Builds the authenticator: bearer access tokens are verified (EdDSA) and the
 * result cached until the token expires, so a busy client costs one signature
 * check per token rather than per request; internal calls present the shared secret.
 *
 * The token only says who the caller is. What they may do comes from their
 * member row as it is now (`currentMember`, read on every request): a removed
 * member gets 401, a token issued before a role or password change (its `ver`
 * behind the row's) gets 401, and roles are the row's, never the token's.
 */
export function createAuthenticator(
  verifyAccess: (token: string) => Promise<AccessClaims>,
  internalToken: string,
  currentMember: MemberLookup,
) {
  const cache = new Map<string, { claims: AccessClaims; expiresAt: number }>();
  const internal = Buffer.from(internalToken);

  async function verify(token: string): Promise<AccessClaims> {
    const hit = cache.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.claims;
    const claims = await verifyAccess(token);
    const exp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).exp as number;
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(token, { claims, expiresAt: exp * 1000 });
    return claims;
  }

  return async function authenticate(ctx: Context, access: Access): Promise<AuthContext> {
    if (access.kind === 'public') return { kind: 'anonymous' };
    const header = ctx.get('authorization');
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw problem('unauthenticated', 'auth.token_missing');
    if (access.kind === 'internal') {
      const given = Buffer.from(token);
      if (given.length !== internal.length || !timingSafeEqual(given, internal)) {
        throw problem('unauthenticated', 'auth.service_credentials');
      }
      return { kind: 'internal' };
    }
    let claims: AccessClaims;
    try {
      claims = await verify(token);
    } catch (error) {
      if (error instanceof TokenError)
        throw problem(error.code, error.code === 'token_expired' ? 'auth.token_expired' : 'auth.token_invalid');
      throw error;
    }
    ctx.state.tenantId = claims.tid;
    ctx.state.userId = claims.sub;
    const member = await currentMember(claims.tid, claims.sub);
    if (!member) throw accountGone();
    // The member's own language now, for this answer and any problem it raises.
    ctx.state.locale = member.locale;
    if (member.tokenVersion !== claims.ver) throw sessionEnded();
    if (member.teamRequiresMfa && !member.mfaEnabled && !access.mfaExempt) {
      throw problem('mfa_enrolment_required', 'mfa.enrolment_required');
    }
    if (access.roles && !access.roles.includes(member.role)) {
      throw problem('forbidden', 'auth.roles_needed', { values: { roles: access.roles.join(', ') } });
    }
    return {
      kind: 'user',
      userId: claims.sub,
      tenantId: claims.tid,
      roles: [member.role],
      tokenVersion: member.tokenVersion,
      familyId: claims.fam,
    };
  };
}

/** Narrows an AuthContext to a signed-in user (routes with `access.kind === 'user'`). */
export function asUser(auth: AuthContext): UserAuth {
  if (auth.kind !== 'user') throw problem('unauthenticated');
  return auth;
}

/** True when the user administers the tenant. */
export const isAdmin = (auth: UserAuth) => auth.roles.includes('owner') || auth.roles.includes('admin');
