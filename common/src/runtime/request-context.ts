import type { Context, Next } from 'koa';
import { Histogram, type Registry } from 'prom-client';
import type { Logger } from './logger.ts';
import { requestIdOf, withRequestId } from './request-id.ts';

/**
 * Who and what a request is about, on `ctx.state` of every HTTP surface: the
 * request id is set by {@link requestContext}, the tenant and user by the
 * service's authentication once it knows them.
 */
export interface RequestContext {
  requestId: string;
  tenantId?: string;
  userId?: string;
}

/** The request's context (its id, and the tenant and user once authenticated). */
export function requestContextOf(ctx: Context): RequestContext {
  const { requestId, tenantId, userId } = ctx.state as RequestContext;
  return { requestId, tenantId, userId };
}

export interface RequestContextOptions {
  /** Level of the one line per request; 'debug' for internal surfaces that answer many queries. */
  level?: 'debug' | 'info';
  /** Where `http_request_duration_seconds` (by method, route and status) is recorded; none when absent. */
  registry?: Registry;
}

/**
 * The first middleware of every HTTP surface: gives each request an id
 * (honouring a sane incoming `X-Request-Id`, else the trace id) that is
 * echoed back and carried to the messages it causes, logs one line per
 * request with tenant, user, status and duration (liveness probes aside),
 * and records its duration.
 */
export function requestContext(logger: Logger, options: RequestContextOptions = {}) {
  const level = options.level ?? 'info';
  const duration =
    options.registry &&
    new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [options.registry],
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
      duration?.observe({ method: ctx.method, route, status: String(ctx.status) }, seconds);
      if (!ctx.path.startsWith('/healthz')) {
        logger[level](
          {
            ...requestContextOf(ctx),
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
