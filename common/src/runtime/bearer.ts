import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { Problem } from './problem.ts';

/** The token of an `Authorization: Bearer <token>` header (scheme in any case), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/**
 * Whether a presented secret is the expected one, compared in constant time
 * over SHA-256 digests, so neither the secret nor its length leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The 401 an internal route answers without the service token (each service may name its own). */
export const internalTokenRequired = () =>
  new Problem(401, 'unauthenticated', 'Unauthorized', {
    detail: 'This internal endpoint needs the service bearer token',
    headers: { 'WWW-Authenticate': 'Bearer realm="pocdojo-internal"' },
  });

/** Throws `reject()` unless the request carries `Authorization: Bearer <token>`. */
export function assertInternalToken(ctx: Context, token: string, reject: () => Error = internalTokenRequired): void {
  const given = bearerToken(ctx.get('authorization'));
  if (given === undefined || !sameSecret(given, token)) throw reject();
}

/**
 * Koa middleware of every service-to-service route (`/internal/…`): only
 * requests carrying `Authorization: Bearer <INTERNAL_TOKEN>` get through.
 */
export function internalTokenAuth(token: string, reject: () => Error = internalTokenRequired) {
  return async (ctx: Context, next: Next) => {
    assertInternalToken(ctx, token, reject);
    await next();
  };
}
