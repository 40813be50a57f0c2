import type { Context, Next } from 'koa';
import { assertInternalToken } from './bearer.ts';
import { CommonProblemCode, Problem } from './problem.ts';

/**
 * Koa middleware for service-to-service endpoints (`/internal/v1/…`): lets
 * through only `Authorization: Bearer <INTERNAL_TOKEN>` (bearer.ts: compared
 * in constant time over hashes). A request relayed by a proxy (it carries
 * X-Forwarded-For) is answered 404: internal calls come straight from inside
 * the cluster, and a public ingress route that forwards every path to a pod
 * must not reach these.
 */
export function internalAuth(token: string) {
  return async (ctx: Context, next: Next) => {
    if (ctx.get('x-forwarded-for')) throw new Problem(404, CommonProblemCode.notFound, 'Not Found');
    assertInternalToken(ctx, token);
    await next();
  };
}
