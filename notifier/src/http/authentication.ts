import type { TenantId, UserId } from '@pocdojo/common/ids';
import { Problem } from '@pocdojo/common/problem';
import { type AccessClaims, type Role, TokenError } from '@pocdojo/common/tokens';
import type { Context, Next } from 'koa';
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
 * notifier owns no memberships: the roles are the token's, at most 15 minutes
 * old, which is enough for the one privileged read here (delivery status).
 */
export function authenticate(verify: (token: string) => Promise<AccessClaims>) {
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
      ctx.state.caller = { userId: claims.sub, tenantId: claims.tid, roles: claims.roles } satisfies Caller;
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
