import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import { problem } from '../errors.ts';

export const JSON_BODY_LIMIT = '64kb';

/**
 * Request bodies are JSON objects of at most 64 KB: another media type is a 415,
 * a larger body a 413, malformed JSON a 400 — before any route code runs.
 */
export function jsonBody() {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: JSON_BODY_LIMIT, encoding: 'utf-8' });
  return async (ctx: Context, next: Next) => {
    const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(ctx.method) && !ctx.is('application/json')) {
      throw problem('unsupported_media_type', 'request.json_required');
    }
    return parse(ctx, next);
  };
}
