import type { Logger } from '@pocdojo/common/logger';
import { requestIdOf, withRequestId } from '@pocdojo/common/request-id';
import type { Context, Next } from 'koa';
import { Histogram, type Registry } from 'prom-client';

/**
 * Gives every request an id (honouring a sane incoming X-Request-Id), echoes it,
 * logs one line per request with tenant and user, and records its duration.
 */
export function requestContext(logger: Logger, registry: Registry) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return async (ctx: Context, next: Next) => {
    const started = process.hrtime.bigint();
    ctx.state.requestId = requestIdOf(ctx);
    ctx.set('X-Request-Id', ctx.state.requestId);
    ctx.set('X-Content-Type-Options', 'nosniff');
    try {
      await withRequestId(ctx.state.requestId, next);
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (ctx as { routerPath?: string }).routerPath ?? 'unmatched';
      duration.observe({ method: ctx.method, route, status: String(ctx.status) }, seconds);
      if (!ctx.path.startsWith('/healthz')) {
        logger.info(
          {
            requestId: ctx.state.requestId,
            tenantId: ctx.state.tenantId,
            userId: ctx.state.userId,
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            ms: Math.round(seconds * 1000),
          },
          'request',
        );
      }
    }
  };
}
