import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { Problem } from './problem.ts';

/**
 * Koa middleware for service-to-service endpoints (`/internal/v1/…`): lets
 * through only `Authorization: Bearer <INTERNAL_TOKEN>`, compared in constant
 * time over hashes (neither the token nor its length leaks through timing).
 * A request relayed by a proxy (it carries X-Forwarded-For) is answered 404:
 * internal calls come straight from inside the cluster, and a public ingress
 * route that forwards every path to a pod must not reach these.
 */
export function internalAuth(token: string) {
  const expected = digest(token);
  return async (ctx: Context, next: Next) => {
    if (ctx.get('x-forwarded-for')) throw new Problem(404, 'not_found', 'Not Found');
    const given = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new Problem(401, 'unauthenticated', 'Unauthorized', {
        detail: 'This internal endpoint needs the service bearer token',
        headers: { 'WWW-Authenticate': 'Bearer realm="pocdojo-internal"' },
      });
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
