import Koa from 'koa';
import type { Logger } from './logger.ts';
import { opsRoutes, type ReadinessCheck } from './ops-routes.ts';
import { problemHandler } from './problem.ts';
import { type RequestContextOptions, requestContext } from './request-context.ts';

/**
 * The Koa app a service's HTTP surface starts from: the request context (id,
 * tenant, user, one log line, duration), problem details for every error, and
 * `/healthz` and `/readyz` over `checks`. The service adds its own routes.
 */
export function serviceApp(
  logger: Logger,
  checks: Record<string, ReadinessCheck>,
  options: RequestContextOptions = {},
): Koa {
  const app = new Koa();
  app.use(requestContext(logger, options));
  app.use(problemHandler(logger));
  const ops = opsRoutes(checks);
  app.use(ops.routes()).use(ops.allowedMethods());
  return app;
}
