import { awsSettingsFromEnv, createSqsClient, queueUrl } from '@pocdojo/common/runtime/aws';
import type { ServiceKit } from '@pocdojo/common/runtime/run-service';
import type { DojoEngineConfig } from './config.ts';
import { startDojoEventsConsumer } from './events/dojo-events-consumer.ts';
import { SqsRunDispatcher } from './runs/run-dispatcher.ts';
import { startRunResultsConsumer } from './runs/run-results-consumer.ts';
import { createRedisScaleOut } from './scale/redis.ts';
import type { ScaleOut } from './scale/scale-out.ts';
import { createDojoServer, type DojoServer } from './server.ts';
import { systemClock } from './time/clock.ts';
import { IceServerIssuer } from './voice/ice-servers.ts';

export interface RunningDojoEngine {
  server: DojoServer;
  /** Stops consuming, disposes every room after its final save, then leaves the scale-out. */
  stop(): Promise<void>;
}

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * dojo-engine's composition root: Redis scale-out when configured, the
 * Colyseus server with its HTTP routes, then the consumers of dojo settings
 * events and kata run results. Stop runs in reverse.
 */
export async function startDojoEngine({
  config,
  logger,
  registry,
}: ServiceKit<DojoEngineConfig>): Promise<RunningDojoEngine> {
  let scaleOut: ScaleOut | undefined;
  if (config.REDIS_URL) {
    // The kit's registry, so the sweeper's counters are served at /metrics beside the engine's.
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
  return {
    server,
    async stop() {
      await events?.stop();
      await results?.stop();
      await server.close();
      await scaleOut?.close?.();
    },
  };
}
