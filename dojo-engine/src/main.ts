/**
 * dojo-engine's composition root: config from the environment (fail fast),
 * then the server; SIGTERM/SIGINT dispose every room after a final save.
 */
import { awsSettingsFromEnv, createSqsClient, queueUrl } from '@pocdojo/common/aws';
import { flushErrorReports } from '@pocdojo/common/error-reporting';
import { createLogger } from '@pocdojo/common/logger';
import { createMetricsRegistry } from '@pocdojo/common/metrics';
import { loadEngineConfig } from './config.ts';
import { startDojoEventsConsumer } from './events/dojo-events-consumer.ts';
import { SqsRunDispatcher } from './runs/run-dispatcher.ts';
import { startRunResultsConsumer } from './runs/run-results-consumer.ts';
import { createRedisScaleOut } from './scale/redis.ts';
import type { ScaleOut } from './scale-out.ts';
import { createDojoServer } from './server.ts';
import { systemClock } from './time/clock.ts';
import { IceServerIssuer } from './voice/ice-servers.ts';

const logger = createLogger('dojo-engine');
const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const config = loadEngineConfig();
  // One registry, so the sweeper's counters are served at /metrics beside the engine's.
  const registry = createMetricsRegistry('dojo-engine');
  let scaleOut: ScaleOut | undefined;
  if (config.REDIS_URL) {
    scaleOut = await createRedisScaleOut({
      redisUrl: config.REDIS_URL,
      publicAddress: config.PUBLIC_ADDRESS,
      logger,
      registry,
    });
    logger.info('scale-out: Redis presence and driver');
  }
  const sqs =
    config.DOJO_EVENTS_QUEUE || config.KATA_RUN_REQUESTS_QUEUE ? createSqsClient(awsSettingsFromEnv()) : undefined;
  const runs =
    sqs && config.KATA_RUN_REQUESTS_QUEUE
      ? new SqsRunDispatcher(sqs, await queueUrl(sqs, config.KATA_RUN_REQUESTS_QUEUE))
      : undefined;
  const server = createDojoServer({
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    publicAddress: config.PUBLIC_ADDRESS,
    databaseUrl: config.DATABASE_URL,
    databaseOwnerUrl: config.DATABASE_OWNER_URL,
    keys: { jwksUrl: config.JWKS_URL },
    presence: scaleOut?.presence,
    driver: scaleOut?.driver,
    seats: scaleOut?.participantSeats,
    logger,
    registry,
    room: { emptyGraceMs: config.DOJO_EMPTY_GRACE_SECONDS * 1000 },
    corsOrigins: config.CORS_ORIGINS.split(','),
    internalToken: config.INTERNAL_TOKEN,
    runs,
    iceServers: new IceServerIssuer(
      {
        stunUrls: list(config.STUN_URLS),
        turnUrls: list(config.TURN_URLS),
        turnSecret: config.TURN_SECRET,
        turnTtlSeconds: config.TURN_CREDENTIAL_TTL_SECONDS,
      },
      systemClock,
    ),
  });
  await server.listen();
  let events: { stop(): Promise<void> } | undefined;
  if (sqs && config.DOJO_EVENTS_QUEUE) {
    events = startDojoEventsConsumer({
      sqs,
      queueUrl: await queueUrl(sqs, config.DOJO_EVENTS_QUEUE),
      logger,
      store: server.store,
      seats: server.seats,
    });
    logger.info({ queue: config.DOJO_EVENTS_QUEUE }, 'consuming dojo settings events');
  }

  let results: { stop(): Promise<void> } | undefined;
  if (sqs && config.KATA_RUN_RESULTS_QUEUE) {
    results = startRunResultsConsumer({ sqs, queueUrl: await queueUrl(sqs, config.KATA_RUN_RESULTS_QUEUE), logger });
    logger.info({ queue: config.KATA_RUN_RESULTS_QUEUE }, 'consuming kata run results');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: disposing rooms after their final save');
    try {
      await events?.stop();
      await results?.stop();
      await server.close();
      await scaleOut?.close?.();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean stop');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch(async (error) => {
  logger.fatal({ err: error }, 'dojo-engine failed to start');
  await flushErrorReports();
  process.exit(1);
});
