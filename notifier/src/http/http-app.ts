import bodyParser from '@koa/bodyparser';
import cors from '@koa/cors';
import Router from '@koa/router';
import type { Logger } from '@pocdojo/common/logger';
import { opsRoutes, type ReadinessCheck } from '@pocdojo/common/ops-routes';
import { problemHandler } from '@pocdojo/common/problem';
import { requestLog } from '@pocdojo/common/request-log';
import type { AccessClaims } from '@pocdojo/common/tokens';
import Koa from 'koa';
import type { Registry } from 'prom-client';
import type { PushSender } from '../adapters/push/push-sender.ts';
import type { Database } from '../db/database.ts';
import type { LiveHub } from '../domain/live-hub.ts';
import type { MemberDirectory } from '../domain/member-directory.ts';
import { authenticate } from './authentication.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { deviceRoutes } from './device-routes.ts';
import { memberDataRoutes } from './member-data-routes.ts';
import { notificationRoutes } from './notification-routes.ts';
import { preferenceRoutes } from './preference-routes.ts';

/** notifier's HTTP surface: ops routes, then the authenticated /v1 API (bell, devices, preferences, deliveries). */
export function createHttpApp(options: {
  db: Database;
  hub: LiveHub;
  push: PushSender | null;
  verify: (token: string) => Promise<AccessClaims>;
  members: MemberDirectory;
  logger: Logger;
  registry: Registry;
  corsOrigins: string[];
  trustProxy: boolean;
  checks: Record<string, ReadinessCheck>;
  /** Enables the internal routes (the media worker's personal data export); absent: none. */
  internalToken?: string;
}): Koa {
  const { db, logger } = options;
  const app = new Koa({ proxy: options.trustProxy });
  app.use(requestLog(logger, 'info'));
  app.use(problemHandler(logger));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return options.corsOrigins.includes(origin) ? origin : '';
      },
      allowHeaders: ['authorization', 'content-type', 'x-request-id'],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      maxAge: 600,
    }),
  );
  const ops = opsRoutes(options.checks);
  app.use(ops.routes()).use(ops.allowedMethods());
  if (options.internalToken) {
    const internal = memberDataRoutes(db, options.internalToken);
    app.use(internal.routes()).use(internal.allowedMethods());
  }
  const api = new Router();
  api.use('/v1', authenticate(options.verify, options.members));
  api.use(bodyParser({ enableTypes: ['json'], jsonLimit: '16kb', parsedMethods: ['POST', 'PUT', 'DELETE'] }));
  for (const router of [
    notificationRoutes(db, options.hub),
    deviceRoutes(db, options.push),
    preferenceRoutes(db),
    deliveryRoutes(db),
  ]) {
    api.use(router.routes(), router.allowedMethods());
  }
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}
