import type { Context, Next } from 'koa';
import { responseLocale } from '../problem.ts';

/**
 * Says in `Content-Language` which language the answer is written in: the
 * member's profile language once authentication has read it, else the closest
 * language the client accepts, else Brazilian Portuguese (`negotiateLocale`).
 * `Vary: Accept-Language` keeps caches from serving one reader's language to another.
 */
export function contentLanguage() {
  return async (ctx: Context, next: Next) => {
    responseLocale(ctx);
    try {
      await next();
    } finally {
      ctx.set('Content-Language', responseLocale(ctx));
      ctx.vary('Accept-Language');
    }
  };
}
