import type { Context, Next } from 'koa';
import type { Logger } from './logger.ts';
import { requestIdOf, withRequestId } from './request-id.ts';

/**
 * Koa middleware: gives every request an id (the caller's `X-Request-Id` or
 * the trace id, echoed back) and logs one line per request with tenant, user,
 * status and duration once it is answered.
 */
export function requestLog(logger: Logger, level: 'debug' | 'info' = 'info') {
  return async (ctx: Context, next: Next) => {
    ctx.state.requestId = requestIdOf(ctx);
    ctx.set('X-Request-Id', ctx.state.requestId);
    const started = performance.now();
    await withRequestId(ctx.state.requestId, next);
    logger[level](
      {
        requestId: ctx.state.requestId,
        tenantId: ctx.state.tenantId,
        userId: ctx.state.userId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}
