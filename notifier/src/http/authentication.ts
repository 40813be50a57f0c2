import type { Role } from '@pocdojo/common/contracts/vocabularies';
import type { TenantId, UserId } from '@pocdojo/common/ids';
import { Problem } from '@pocdojo/common/problem';
import { type AccessClaims, TokenError } from '@pocdojo/common/tokens';
import type { Context, Next } from 'koa';
import type { MemberDirectory } from '../domain/member-directory.ts';
import { ErrorCodes } from '../errors.ts';

/** Who is calling, from a verified platform access token. */
export interface Caller {
  userId: UserId;
  tenantId: TenantId;
  roles: Role[];
}

/**
 * Requires `Authorization: Bearer <access token>` signed by platform-api
 * (verified against its JWKS) and puts the caller on `ctx.state.caller`.
 * The token proves who calls; what they may do is read from platform-api now
 * (`members`): a removed member gets 401, a token older than the member's last
 * role or password change gets 401 `token_revoked`, and the caller's roles are
 * the current one — never the token's, which may be 15 minutes old.
 */
export function authenticate(verify: (token: string) => Promise<AccessClaims>, members: MemberDirectory) {
  return async (ctx: Context, next: Next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    if (!match) {
      throw new Problem(401, ErrorCodes.unauthenticated, 'Unauthorized', {
        detail: 'Send the access token as Authorization: Bearer <token>',
        headers: { 'WWW-Authenticate': 'Bearer realm="pocdojo"' },
      });
    }
    try {
      const claims = await verify(match[1]!);
      const member = await members(claims.tid, claims.sub);
      if (!member) {
        throw new Problem(401, ErrorCodes.unauthenticated, 'Unauthorized', {
          detail: 'Your account is no longer part of this team; log in again',
        });
      }
      if (member.tokenVersion !== (claims.ver ?? 0)) {
        throw new Problem(401, ErrorCodes.tokenRevoked, 'Unauthorized', {
          detail: 'This session was ended (role or password changed, or signed out everywhere); log in again',
        });
      }
      ctx.state.caller = { userId: claims.sub, tenantId: claims.tid, roles: [member.role] } satisfies Caller;
      ctx.state.tenantId = claims.tid;
      ctx.state.userId = claims.sub;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      throw new Problem(
        401,
        error.code === 'token_expired' ? ErrorCodes.tokenExpired : ErrorCodes.unauthenticated,
        'Unauthorized',
        {
          detail:
            error.code === 'token_expired' ? 'The access token has expired; refresh it' : 'The access token is invalid',
          headers: { 'WWW-Authenticate': 'Bearer realm="pocdojo", error="invalid_token"' },
        },
      );
    }
    await next();
  };
}

export function callerOf(ctx: Context): Caller {
  return ctx.state.caller as Caller;
}
