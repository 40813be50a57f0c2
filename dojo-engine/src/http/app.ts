import type { Logger } from '@pocdojo/common/logger';
import { opsRoutes, type ReadinessCheck } from '@pocdojo/common/ops-routes';
import { problemHandler } from '@pocdojo/common/problem';
import type { AccessClaims } from '@pocdojo/common/tokens';
import Koa from 'koa';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { historyRoutes } from './history-routes.ts';

/**
 * The engine's own HTTP surface next to Colyseus's matchmaking routes:
 * /healthz, /readyz and the session history API (metrics have their own port).
 */
export function createHttpApp(deps: {
  logger: Logger;
  store: DojoStore;
  verifyAccess: (token: string) => Promise<AccessClaims>;
  checks: Record<string, ReadinessCheck>;
}): Koa {
  const app = new Koa();
  app.use(async (ctx, next) => {
    // Browsers call the history API cross-origin with a bearer token (no cookies), so any origin may.
    ctx.set('access-control-allow-origin', '*');
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-headers', 'authorization, content-type');
      ctx.set('access-control-allow-methods', 'GET, OPTIONS');
      ctx.status = 204;
      return;
    }
    await next();
  });
  app.use(problemHandler(deps.logger));
  const ops = opsRoutes(deps.checks);
  const history = historyRoutes({ store: deps.store, verifyAccess: deps.verifyAccess });
  app.use(ops.routes()).use(ops.allowedMethods());
  app.use(history.routes()).use(history.allowedMethods());
  return app;
}
