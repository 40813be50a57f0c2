import { createSqsClient, queueUrl } from '@pocdojo/common/runtime/aws';
import { listenHttp } from '@pocdojo/common/runtime/http-server';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { createMetricsRegistry } from '@pocdojo/common/runtime/metrics';
import { startMetricsServer } from '@pocdojo/common/runtime/metrics-server';
import { openSearchEngine } from './adapters/open-search-engine.ts';
import type { SearchIndexerConfig } from './config.ts';
import { PocIndexer } from './domain/poc-indexer.ts';
import type { SearchEngine } from './domain/search-engine.ts';
import { createHttpApp } from './http/http-app.ts';
import { PocEventsConsumer } from './messaging/poc-events-consumer.ts';
import { recoverIndex } from './reindex/recover-index.ts';
import type { ReindexStats } from './reindex/reindex.ts';

/** How often old tombstones are pruned. */
const PRUNE_INTERVAL_MS = 3_600_000;

export interface RunningSearchIndexer {
  /** Base URL of the HTTP server (useful with PORT=0). */
  url: string;
  /** Where Prometheus scrapes (METRICS_PORT on HOST). */
  metricsUrl: string;
  engine: SearchEngine;
  /** Settles when the rebuild of an index that lost part of itself at open is over (undefined: none was needed, or stopped). */
  recovered: Promise<ReindexStats | undefined>;
  /** Stops consuming, closes the server, flushes the index. */
  stop(): Promise<void>;
}

/**
 * The composition root: opens the engine (loading its snapshot), starts the
 * HTTP server and the poc-events consumer. Order on stop is the reverse, so no
 * event is acknowledged after the index stopped persisting.
 */
export async function startSearchIndexer(
  config: SearchIndexerConfig,
  logger: Logger,
  registry = createMetricsRegistry('search-indexer'),
): Promise<RunningSearchIndexer> {
  const engine = await openSearchEngine(config, logger);
  try {
    const sqs = createSqsClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL });
    const consumer = new PocEventsConsumer({
      sqs,
      queueUrl: await queueUrl(sqs, config.POC_EVENTS_QUEUE),
      indexer: new PocIndexer(engine),
      logger,
      registry,
      waitTimeSeconds: config.SQS_WAIT_SECONDS,
    });
    const app = createHttpApp({
      engine,
      internalToken: config.INTERNAL_TOKEN,
      logger,
      registry,
      consumerReady: () => consumer.ready(),
    });
    const http = await listenHttp(app.callback(), { port: config.PORT, host: config.HOST });
    const metrics = await startMetricsServer(registry, { port: config.METRICS_PORT, host: config.HOST });
    consumer.start();
    const stopping = new AbortController();
    const recovered = engine.needsRebuild
      ? recoverIndex(engine, {
          baseUrl: config.PLATFORM_API_URL,
          token: config.INTERNAL_TOKEN,
          logger,
          signal: stopping.signal,
        })
      : Promise.resolve(undefined);
    const pruning = setInterval(() => {
      const before = new Date(Date.now() - config.TOMBSTONE_RETENTION_HOURS * 3_600_000);
      engine.pruneTombstones(before).then(
        (pruned) => logger.info({ before, pruned }, 'pruned old tombstones'),
        (error) => logger.warn({ err: error }, 'pruning tombstones failed; retried in an hour'),
      );
    }, PRUNE_INTERVAL_MS);
    pruning.unref();
    logger.info(
      { host: config.HOST, port: http.port, metrics: metrics.url, engine: engine.kind, queue: config.POC_EVENTS_QUEUE },
      'search-indexer listening',
    );
    return {
      url: http.url,
      metricsUrl: metrics.url,
      engine,
      recovered,
      async stop() {
        clearInterval(pruning);
        stopping.abort();
        await recovered;
        await consumer.stop();
        await http.close();
        await metrics.close();
        await engine.close();
        sqs.destroy();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}
