import Router from '@koa/router';
import { internalTokenAuth } from '@pocdojo/common/runtime/bearer';
import { Problem } from '@pocdojo/common/runtime/problem';
import type { Histogram } from 'prom-client';
import type { SearchEngine } from '../domain/search-engine.ts';
import type { RawQuery } from '../domain/search-query.ts';
import { parseSearchQuery } from '../domain/search-query.ts';
import { ErrorCodes } from '../errors.ts';

/** Only platform-api, with the service bearer token, may query. */
const unauthorized = () =>
  new Problem(401, ErrorCodes.unauthenticated, 'Unauthorized', {
    detail: 'This internal endpoint needs the service bearer token',
    headers: { 'WWW-Authenticate': 'Bearer realm="pocdojo-internal"' },
  });

/**
 * `GET /internal/v1/search?tenantId=&q=&languages=&tags=&limit=&offset=`:
 * the query API platform-api proxies `/v1/pocs/search` to (README.md).
 */
export function searchRoutes(engine: SearchEngine, internalToken: string, latency: Histogram<'engine'>): Router {
  const router = new Router();
  router.get('/internal/v1/search', internalTokenAuth(internalToken, unauthorized), async (ctx) => {
    const query = parseSearchQuery(ctx.query as RawQuery);
    ctx.state.tenantId = query.tenantId;
    const result = await engine.search(query);
    latency.observe({ engine: engine.kind }, result.tookMs / 1000);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  });
  return router;
}
