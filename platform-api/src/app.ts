import cors from '@koa/cors';
import Router from '@koa/router';
import { contentLanguage } from '@pocdojo/common/runtime/i18n/content-language';
import { opsRoutes } from '@pocdojo/common/runtime/ops-routes';
import { problemHandler } from '@pocdojo/common/runtime/problem';
import { requestContext } from '@pocdojo/common/runtime/request-context';
import Koa from 'koa';
import type { PlatformDeps } from './deps.ts';
import type { Authenticator } from './http/api-route.ts';
import { type AnyRoute, mountRoutes } from './http/api-route.ts';
import { databaseOutage } from './http/database-outage.ts';
import { domainErrors } from './http/domain-errors.ts';
import { jsonBody } from './http/json-body.ts';
import { openApiDocument } from './http/openapi.ts';
import { accountDeletionRoutes } from './http/routes/account-deletion.ts';
import { accountRecoveryRoutes } from './http/routes/account-recovery.ts';
import { analyticsRoutes } from './http/routes/analytics.ts';
import { attachmentRoutes } from './http/routes/attachments.ts';
import { auditRoutes } from './http/routes/audit.ts';
import { dojoPocRoutes } from './http/routes/dojo-poc.ts';
import { dojoRoutes } from './http/routes/dojos.ts';
import { identityRoutes } from './http/routes/identity.ts';
import { internalRoutes } from './http/routes/internal.ts';
import { internalPersonalDataRoutes } from './http/routes/internal-personal-data.ts';
import { invitationRoutes } from './http/routes/invitations.ts';
import { jobRoutes } from './http/routes/jobs.ts';
import { kataRoutes } from './http/routes/katas.ts';
import { loginRoutes } from './http/routes/login.ts';
import { memberRoutes } from './http/routes/members.ts';
import { metaRouter } from './http/routes/meta.ts';
import { personalDataExportRoutes } from './http/routes/personal-data-export.ts';
import { pocRoutes } from './http/routes/pocs.ts';
import { searchRoutes } from './http/routes/search.ts';
import { teamDeletionRoutes } from './http/routes/team-deletion.ts';
import { teamSettingsRoutes } from './http/routes/team-settings.ts';
import { tenantAdminRoutes } from './http/routes/tenant-admin.ts';
import { twoFactorRoutes } from './http/routes/two-factor.ts';

/** Every API route, in matching order (`/v1/pocs/search` before `/v1/pocs/:id`). */
export function apiRoutes(deps: PlatformDeps): AnyRoute[] {
  return [
    ...identityRoutes(deps),
    ...loginRoutes(deps),
    ...twoFactorRoutes(deps),
    ...accountRecoveryRoutes(deps),
    ...memberRoutes(deps),
    ...accountDeletionRoutes(deps),
    ...teamSettingsRoutes(deps),
    ...teamDeletionRoutes(deps),
    ...auditRoutes(deps),
    ...invitationRoutes(deps),
    ...searchRoutes(deps),
    ...pocRoutes(deps),
    ...attachmentRoutes(deps),
    ...kataRoutes(deps),
    ...dojoRoutes(deps),
    ...dojoPocRoutes(deps),
    ...jobRoutes(deps),
    ...personalDataExportRoutes(deps),
    ...analyticsRoutes(deps),
    ...internalRoutes(deps),
    ...internalPersonalDataRoutes(deps),
    ...tenantAdminRoutes(deps),
  ];
}

/** The Koa application: request context, problem details, CORS, JSON bodies, routes. */
export function createApp(deps: PlatformDeps, authenticate: Authenticator, routes: AnyRoute[]): Koa {
  const app = new Koa({ proxy: deps.config.TRUST_PROXY === '1' });
  const origins = deps.config.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const api = new Router();
  mountRoutes(api, routes, authenticate);
  const ops = opsRoutes({
    database: async () => {
      await deps.orm.em.fork().execute('select 1');
    },
  });
  const meta = metaRouter(deps.signingKey.publicJwk, () => openApiDocument(routes, deps.config.PUBLIC_URL));

  app.use(requestContext(deps.logger, { registry: deps.registry }));
  app.use(contentLanguage());
  app.use(problemHandler(deps.logger));
  app.use(domainErrors());
  if (origins.length) {
    app.use(
      cors({
        origin: (ctx) => (origins.includes(ctx.get('origin')) ? ctx.get('origin') : ''),
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
        exposeHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
        maxAge: 600,
      }),
    );
  }
  app.use(databaseOutage());
  app.use(jsonBody());
  app.use(ops.routes());
  app.use(meta.routes());
  app.use(api.routes());
  app.use(api.allowedMethods());
  return app;
}
