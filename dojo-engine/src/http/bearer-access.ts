import { bearerToken } from '@pocdojo/common/runtime/bearer';
import { Problem } from '@pocdojo/common/runtime/problem';
import type { AccessClaims } from '@pocdojo/common/runtime/tokens';
import { TokenError } from '@pocdojo/common/runtime/tokens';
import type { Context } from 'koa';
import { EngineProblemCode } from './problem-codes.ts';

/**
 * The verified claims of the request's `Authorization: Bearer` access token,
 * or a 401 problem; the tenant and user join the request context (its log line).
 */
export async function authenticate(
  ctx: Context,
  verify: (token: string) => Promise<AccessClaims>,
): Promise<AccessClaims> {
  const token = bearerToken(ctx.get('authorization'));
  if (!token) {
    throw new Problem(401, EngineProblemCode.unauthenticated, 'Unauthorized', {
      detail: 'An access token is required (Authorization: Bearer …)',
      headers: { 'www-authenticate': 'Bearer' },
    });
  }
  try {
    const claims = await verify(token);
    ctx.state.tenantId = claims.tid;
    ctx.state.userId = claims.sub;
    return claims;
  } catch (error) {
    if (error instanceof TokenError) {
      throw new Problem(401, error.code, 'Unauthorized', {
        detail: error.message,
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    }
    throw error;
  }
}
