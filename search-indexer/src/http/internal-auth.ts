import { createHash, timingSafeEqual } from 'node:crypto';
import { Problem } from '@pocdojo/common/problem';
import type { Context, Next } from 'koa';
import { ErrorCodes } from '../errors.ts';

/**
 * Lets through only requests carrying `Authorization: Bearer <INTERNAL_TOKEN>`
 * (service-to-service calls from platform-api). Compared in constant time over
 * hashes, so neither the token nor its length leaks through timing.
 */
export function internalAuth(token: string) {
  const expected = digest(token);
  return async (ctx: Context, next: Next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      throw new Problem(401, ErrorCodes.unauthenticated, 'Unauthorized', {
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
