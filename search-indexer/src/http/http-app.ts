import type { Logger } from '@pocdojo/common/runtime/logger';
import { serviceApp } from '@pocdojo/common/runtime/service-app';
import type Koa from 'koa';
import type { Registry } from 'prom-client';
import { Histogram } from 'prom-client';
import type { SearchEngine } from '../domain/search-engine.ts';
import { searchRoutes } from './search-routes.ts';

/** The indexer's HTTP surface: health, readiness and the internal query API (metrics have their own port). */
export function createHttpApp(options: {
  engine: SearchEngine;
  internalToken: string;
  logger: Logger;
  registry: Registry;
  /** Readiness of the event consumer (rejects while it cannot poll). */
  consumerReady: () => Promise<void>;
}): Koa {
  const { engine, logger, registry } = options;
  const latency = new Histogram({
    name: 'search_query_duration_seconds',
    help: 'Time the search engine took to answer a query',
    labelNames: ['engine'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const app = serviceApp(
    logger,
    { engine: () => engine.ping(), consumer: options.consumerReady },
    { level: 'debug', registry },
  );
  const search = searchRoutes(engine, options.internalToken, latency);
  app.use(search.routes()).use(search.allowedMethods());
  return app;
}
