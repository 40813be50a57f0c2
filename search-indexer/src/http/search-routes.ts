import Router from '@koa/router';
import type { Histogram } from 'prom-client';
import type { SearchEngine } from '../domain/search-engine.ts';
import type { RawQuery } from '../domain/search-query.ts';
import { parseSearchQuery } from '../domain/search-query.ts';
import { internalAuth } from './internal-auth.ts';

/**
 * `GET /internal/v1/search?tenantId=&q=&languages=&tags=&limit=&offset=`:
 * the query API platform-api proxies `/v1/pocs/search` to (README.md).
 */
export function searchRoutes(engine: SearchEngine, internalToken: string, latency: Histogram<'engine'>): Router {
  const router = new Router();
  router.get('/internal/v1/search', internalAuth(internalToken), async (ctx) => {
    const query = parseSearchQuery(ctx.query as RawQuery);
    ctx.state.tenantId = query.tenantId;
    const result = await engine.search(query);
    latency.observe({ engine: engine.kind }, result.tookMs / 1000);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = result;
  });
  return router;
}
