import type { MikroORM } from '@mikro-orm/postgresql';
import { createS3Client, createSqsClient } from '@pocdojo/common/runtime/aws';
import { listenHttp } from '@pocdojo/common/runtime/http-server';
import { createLogger, type Logger } from '@pocdojo/common/runtime/logger';
import { createMetricsRegistry } from '@pocdojo/common/runtime/metrics';
import { startMetricsServer } from '@pocdojo/common/runtime/metrics-server';
import { sealLink } from '@pocdojo/common/runtime/sealed-links';
import { createAccessVerifier, importSigningKey } from '@pocdojo/common/runtime/tokens';
import type { Registry } from 'prom-client';
import { startErasureReportsConsumer } from './adapters/erasure-reports-consumer.ts';
import { httpKataChecker } from './adapters/kata-checker.ts';
import { startMediaResultsConsumer } from './adapters/media-results-consumer.ts';
import { s3ObjectStore } from './adapters/object-store.ts';
import { httpSearchClient } from './adapters/search-client.ts';
import { apiRoutes, createApp } from './app.ts';
import type { PlatformApiConfig } from './config.ts';
import { migrate, openOrm } from './db/orm.ts';
import { TenantSql } from './db/tenant-sql.ts';
import type { PlatformDeps } from './deps.ts';
import { memberLookup } from './domain/member-access.ts';
import { mfaSecretBox } from './domain/mfa-secret-box.ts';
import { OutboxRelay, type OutboxRelayOptions } from './domain/outbox-relay.ts';
import { AuthRateLimits } from './domain/rate-limits.ts';
import { startRetentionSweeper } from './domain/retention-sweeper.ts';
import { SessionTokens } from './domain/session-tokens.ts';
import { startTeamEraser } from './domain/team-erasure.ts';
import { createAuthenticator } from './http/authentication.ts';
import { connectRateLimitStore } from './quotas/rate-limit-store.ts';

/** How long a stop lets the requests in flight finish. */
const REQUEST_DRAIN_MS = 30_000;

export interface PlatformApi {
  url: string;
  port: number;
  /** Where Prometheus scrapes (METRICS_PORT on HOST). */
  metricsUrl: string;
  deps: PlatformDeps;
  relay: OutboxRelay;
  orm: MikroORM;
  /** Begins the erasure of teams whose grace period is over; `runNow` for tests with a short one. */
  eraser: { runNow(): Promise<void> };
  close(): Promise<void>;
}

/**
 * The composition root: builds every collaborator from the config, runs
 * migrations when an owner URL is given, starts the outbox relay and listens.
 */
export async function startPlatformApi(
  config: PlatformApiConfig,
  options: { logger?: Logger; registry?: Registry; relay?: OutboxRelayOptions } = {},
): Promise<PlatformApi> {
  const logger = options.logger ?? createLogger('platform-api');
  const mfaSecrets = mfaSecretBox(config.MFA_SECRET_KEY, config.MFA_SECRET_PREVIOUS_KEYS);
  if (config.DATABASE_OWNER_URL) await migrate(config.DATABASE_OWNER_URL, { mfaSecrets: () => mfaSecrets });
  const orm = await openOrm(config.DATABASE_URL);
  const registry = options.registry ?? createMetricsRegistry('platform-api');
  const aws = { region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL };
  const signingKey = await importSigningKey(JSON.parse(config.JWT_PRIVATE_JWK));
  const sqs = createSqsClient(aws);
  const relay = new OutboxRelay({
    orm,
    sqs,
    logger,
    registry,
    ...options.relay,
  });
  const redis = config.REDIS_URL ? await connectRateLimitStore(config.REDIS_URL, logger) : undefined;
  const sql = new TenantSql(config.DATABASE_URL, {
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection lost'),
  });
  const deps: PlatformDeps = {
    config,
    orm,
    sql,
    logger,
    registry,
    signingKey,
    sessions: new SessionTokens(signingKey, config.JWT_ISSUER),
    rateLimits: new AuthRateLimits(
      {
        perClientPerMinute: config.LOGIN_RATE_PER_IP,
        freeFailures: config.LOGIN_FREE_FAILURES,
        maxDelaySeconds: config.LOGIN_MAX_DELAY_SECONDS,
      },
      { redis, keyPrefix: config.REDIS_KEY_PREFIX },
    ),
    objects: s3ObjectStore(createS3Client(aws), config.S3_BUCKET),
    search: config.SEARCH_URL ? httpSearchClient(config.SEARCH_URL, config.INTERNAL_TOKEN) : null,
    kataChecker: config.KATA_RUNNER_URL ? httpKataChecker(config.KATA_RUNNER_URL, config.INTERNAL_TOKEN) : null,
    sealLink: (tenantId, link) => sealLink(config.LINK_SEALING_KEY, tenantId, link),
    mfaSecrets,
    eventsWritten: () => relay.kick(),
  };
  const authenticate = createAuthenticator(
    createAccessVerifier({ jwks: { keys: [signingKey.publicJwk] } }, config.JWT_ISSUER),
    config.INTERNAL_TOKEN,
    memberLookup(sql),
  );
  const app = createApp(deps, authenticate, apiRoutes(deps));
  relay.start();
  const results = await startMediaResultsConsumer({ sqs, orm, logger, eventsWritten: () => relay.kick() });
  const retention = startRetentionSweeper({ orm, objects: deps.objects, logger });
  const erasureReports = await startErasureReportsConsumer({ sqs, orm, objects: deps.objects, logger });
  const eraser = startTeamEraser(
    {
      orm,
      objects: deps.objects,
      logger,
      forgetAccounts: (emails) => deps.rateLimits.forgetAccounts(emails),
      eventsWritten: () => relay.kick(),
    },
    config.TEAM_ERASURE_INTERVAL_SECONDS * 1000,
  );
  // Longer than the load balancer's idle timeout (60 s), so it never reuses a connection we just closed.
  const http = await listenHttp(app.callback(), { port: config.PORT, host: config.HOST, keepAliveTimeoutMs: 65_000 });
  const { port } = http;
  const metrics = await startMetricsServer(registry, { port: config.METRICS_PORT, host: config.HOST });
  logger.info({ host: config.HOST, port, metrics: metrics.url }, 'platform-api listening');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    metricsUrl: metrics.url,
    deps,
    relay,
    orm,
    eraser,
    async close() {
      await http.close(REQUEST_DRAIN_MS);
      await metrics.close();
      await results.stop();
      await retention.stop();
      await eraser.stop();
      await erasureReports.stop();
      await relay.stop();
      await deps.sql.close();
      await redis?.quit().catch(() => redis.disconnect());
      await orm.close(true);
    },
  };
}
