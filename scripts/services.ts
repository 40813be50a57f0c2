/**
 * What `npm start` runs: every service as its own process, with the environment
 * it would get from its Kubernetes manifest in production, pointed at the
 * embedded stand-ins instead. A service whose entry file does not exist yet is skipped.
 */
import { Queues } from '../common/src/contracts/events.ts';
import { KataRunQueues } from '../common/src/contracts/kata-runs.ts';

export interface LocalStack {
  /** Superuser URL of the local Postgres (embedded or DATABASE_URL). */
  adminUrl: string;
  /** Per-service database URLs: `owner` runs migrations, `app` is the non-superuser role. */
  databases: Record<'platform' | 'dojo' | 'notifier', { ownerUrl: string; appUrl: string }>;
  awsEndpoint: string;
  bucket: string;
  signingKeyJwk: string;
  internalToken: string;
  /** LINK_SEALING_KEY shared by platform-api (seals) and notifier (opens). */
  linkSealingKey: string;
  /** MFA_SECRET_KEY of platform-api: seals members' TOTP secrets at rest. */
  mfaSecretKey: string;
  dataDir: string;
  redisUrl?: string;
}

export interface ServiceSpec {
  name: string;
  /** Entry file relative to the repository root. */
  entry: string;
  port: number;
  /** Its Prometheus /metrics port, when it serves metrics. */
  metricsPort?: number;
  env(stack: LocalStack): Record<string, string>;
}

const port = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);

export const ports = {
  platformApi: port('PLATFORM_API_PORT', 3000),
  dojoEngine: port('DOJO_ENGINE_PORT', 2567),
  searchIndexer: port('SEARCH_INDEXER_PORT', 7701),
  mediaWorker: port('MEDIA_WORKER_PORT', 7702),
  kataRunner: port('KATA_RUNNER_PORT', 7704),
  notifier: port('NOTIFIER_PORT', 7703),
  inbox: port('INBOX_PORT', 8025),
  smtp: port('SMTP_PORT', 2525),
  web: port('WEB_PORT', 8080),
  platformApiMetrics: port('PLATFORM_API_METRICS_PORT', 9300),
  dojoEngineMetrics: port('DOJO_ENGINE_METRICS_PORT', 9301),
  searchIndexerMetrics: port('SEARCH_INDEXER_METRICS_PORT', 9302),
  mediaWorkerMetrics: port('MEDIA_WORKER_METRICS_PORT', 9303),
  kataRunnerMetrics: port('KATA_RUNNER_METRICS_PORT', 9305),
  notifierMetrics: port('NOTIFIER_METRICS_PORT', 9304),
};

/** The interface every process of `npm start` listens on: loopback unless HOST says otherwise. */
export const host = process.env.HOST || '127.0.0.1';
/** How the services reach each other: loopback when they listen on every interface. */
export const reachableHost =
  host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

const local = (p: number) => `http://${reachableHost}:${p}`;
/** The web app's origin: the API's CORS and the media bucket's CORS rule allow it. */
export const webOrigin = local(ports.web);

const listen = (p: number, metrics?: number) => ({
  HOST: host,
  PORT: String(p),
  ...(metrics === undefined ? {} : { METRICS_PORT: String(metrics) }),
});

const aws = (stack: LocalStack) => ({
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: stack.awsEndpoint,
  S3_BUCKET: stack.bucket,
});

export const services: ServiceSpec[] = [
  {
    name: 'platform-api',
    entry: 'platform-api/src/main.ts',
    port: ports.platformApi,
    metricsPort: ports.platformApiMetrics,
    env: (stack) => ({
      ...listen(ports.platformApi, ports.platformApiMetrics),
      DATABASE_URL: stack.databases.platform.appUrl,
      DATABASE_OWNER_URL: stack.databases.platform.ownerUrl,
      JWT_PRIVATE_JWK: stack.signingKeyJwk,
      INTERNAL_TOKEN: stack.internalToken,
      LINK_SEALING_KEY: stack.linkSealingKey,
      MFA_SECRET_KEY: stack.mfaSecretKey,
      PUBLIC_URL: local(ports.platformApi),
      SEARCH_URL: local(ports.searchIndexer),
      DOJO_ENGINE_URL: local(ports.dojoEngine),
      KATA_RUNNER_URL: local(ports.kataRunner),
      CORS_ORIGINS: webOrigin,
      ...aws(stack),
    }),
  },
  {
    name: 'dojo-engine',
    entry: 'dojo-engine/src/main.ts',
    port: ports.dojoEngine,
    metricsPort: ports.dojoEngineMetrics,
    env: (stack) => ({
      ...listen(ports.dojoEngine, ports.dojoEngineMetrics),
      DATABASE_URL: stack.databases.dojo.appUrl,
      DATABASE_OWNER_URL: stack.databases.dojo.ownerUrl,
      JWKS_URL: `${local(ports.platformApi)}/.well-known/jwks.json`,
      PUBLIC_ADDRESS: `${reachableHost}:${ports.dojoEngine}`,
      INTERNAL_TOKEN: stack.internalToken,
      CORS_ORIGINS: local(ports.web),
      DOJO_EVENTS_QUEUE: Queues.dojoEvents,
      KATA_RUN_REQUESTS_QUEUE: KataRunQueues.requests,
      KATA_RUN_RESULTS_QUEUE: KataRunQueues.results,
      ...aws(stack),
      ...(stack.redisUrl ? { REDIS_URL: stack.redisUrl } : {}),
    }),
  },
  {
    name: 'search-indexer',
    entry: 'search-indexer/src/main.ts',
    port: ports.searchIndexer,
    metricsPort: ports.searchIndexerMetrics,
    env: (stack) => ({
      ...listen(ports.searchIndexer, ports.searchIndexerMetrics),
      INTERNAL_TOKEN: stack.internalToken,
      PLATFORM_API_URL: local(ports.platformApi),
      SEARCH_DATA_DIR: `${stack.dataDir}/search`,
      ...aws(stack),
    }),
  },
  {
    name: 'media-worker',
    entry: 'media-worker/src/main.ts',
    port: ports.mediaWorker,
    metricsPort: ports.mediaWorkerMetrics,
    env: (stack) => ({
      ...listen(ports.mediaWorker, ports.mediaWorkerMetrics),
      INTERNAL_TOKEN: stack.internalToken,
      PLATFORM_API_URL: local(ports.platformApi),
      DOJO_ENGINE_URL: local(ports.dojoEngine),
      NOTIFIER_URL: local(ports.notifier),
      ...aws(stack),
    }),
  },
  {
    name: 'kata-runner',
    entry: 'kata-runner/src/main.ts',
    port: ports.kataRunner,
    metricsPort: ports.kataRunnerMetrics,
    env: (stack) => ({
      ...listen(ports.kataRunner, ports.kataRunnerMetrics),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: stack.awsEndpoint,
      // The Go build cache template is made once (about a minute) and kept with the rest of the local state.
      INTERNAL_TOKEN: stack.internalToken,
      KATA_RUNNER_CACHE_DIR: `${stack.dataDir}/kata-runner`,
    }),
  },
  {
    name: 'local-inbox',
    entry: 'notifier/src/dev-inbox/main.ts',
    port: ports.inbox,
    env: () => ({ ...listen(ports.inbox), SMTP_PORT: String(ports.smtp) }),
  },
  {
    name: 'notifier',
    entry: 'notifier/src/main.ts',
    port: ports.notifier,
    metricsPort: ports.notifierMetrics,
    env: (stack) => ({
      ...listen(ports.notifier, ports.notifierMetrics),
      DATABASE_URL: stack.databases.notifier.appUrl,
      DATABASE_OWNER_URL: stack.databases.notifier.ownerUrl,
      JWKS_URL: `${local(ports.platformApi)}/.well-known/jwks.json`,
      PLATFORM_API_URL: local(ports.platformApi),
      INTERNAL_TOKEN: stack.internalToken,
      LINK_SEALING_KEY: stack.linkSealingKey,
      WEB_PUBLIC_URL: local(ports.web),
      CORS_ORIGINS: local(ports.web),
      EMAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
      PUSH_TRANSPORT: 'local',
      LOCAL_PUSH_URL: local(ports.inbox),
      ...aws(stack),
    }),
  },
  {
    name: 'web',
    entry: 'apps/web/scripts/serve.ts',
    port: ports.web,
    env: () => ({
      ...listen(ports.web),
      API_URL: local(ports.platformApi),
      ENGINE_URL: local(ports.dojoEngine),
      NOTIFIER_URL: local(ports.notifier),
    }),
  },
];
