import type { Logger } from '@pocdojo/common/logger';
import { opsRoutes, type ReadinessCheck } from '@pocdojo/common/ops-routes';
import { problemHandler } from '@pocdojo/common/problem';
import type { AccessClaims } from '@pocdojo/common/tokens';
import Koa from 'koa';
import type { DojoStore } from '../persistence/dojo-store.ts';
import type { DojoUsage } from '../usage/dojo-usage.ts';
import type { CorsPolicy } from './cors.ts';
import { historyRoutes } from './history-routes.ts';
import { memberDataRoutes } from './member-data-routes.ts';
import { memberDojosRoutes } from './member-dojos-routes.ts';
import { replayRoutes } from './replay-routes.ts';
import { usageRoutes } from './usage-routes.ts';

/**
 * The engine's own HTTP surface next to Colyseus's matchmaking routes:
 * /healthz, /readyz, the session history and replay APIs (metrics have their own port).
 */
export function createHttpApp(deps: {
  logger: Logger;
  store: DojoStore;
  verifyAccess: (token: string) => Promise<AccessClaims>;
  checks: Record<string, ReadinessCheck>;
  cors: CorsPolicy;
  /** The operators' usage endpoint; absent without INTERNAL_TOKEN. */
  usage?: { usage: DojoUsage; internalToken: string };
  /** Enables the internal routes (the media worker's member-dojos and personal data exports). */
  internalToken?: string;
}): Koa {
  const app = new Koa();
  app.use(deps.cors.middleware());
  app.use(problemHandler(deps.logger));
  const ops = opsRoutes(deps.checks);
  const history = historyRoutes({ store: deps.store, verifyAccess: deps.verifyAccess });
  app.use(ops.routes()).use(ops.allowedMethods());
  app.use(history.routes()).use(history.allowedMethods());
  const replay = replayRoutes({ store: deps.store, verifyAccess: deps.verifyAccess });
  app.use(replay.routes()).use(replay.allowedMethods());
  if (deps.usage) {
    const usage = usageRoutes(deps.usage);
    app.use(usage.routes()).use(usage.allowedMethods());
  }
  if (deps.internalToken) {
    const internal = memberDojosRoutes({ store: deps.store, internalToken: deps.internalToken });
    app.use(internal.routes()).use(internal.allowedMethods());
    const memberData = memberDataRoutes({ store: deps.store, internalToken: deps.internalToken });
    app.use(memberData.routes()).use(memberData.allowedMethods());
  }
  return app;
}
