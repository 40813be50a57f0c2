/**
 * What `npm start` runs: every service as its own process, with the environment
 * it would get from its Kubernetes manifest in production, pointed at the
 * embedded stand-ins instead. A service whose entry file does not exist yet is skipped.
 */
import { Queues } from '../common/src/events.ts';
import { KataRunQueues } from '../common/src/kata-runs.ts';

export interface LocalStack {
  /** Superuser URL of the local Postgres (embedded or DATABASE_URL). */
  adminUrl: string;
  /** Per-service database URLs: `owner` runs migrations, `app` is the non-superuser role. */
  databases: Record<'platform' | 'dojo', { ownerUrl: string; appUrl: string }>;
  awsEndpoint: string;
  bucket: string;
  signingKeyJwk: string;
  internalToken: string;
  dataDir: string;
  redisUrl?: string;
}

export interface ServiceSpec {
  name: string;
  /** Entry file relative to the repository root. */
  entry: string;
  port: number;
  env(stack: LocalStack): Record<string, string>;
}

const port = (variable: string, fallback: number) => Number(process.env[variable] ?? fallback);

export const ports = {
  platformApi: port('PLATFORM_API_PORT', 3000),
  dojoEngine: port('DOJO_ENGINE_PORT', 2567),
  searchIndexer: port('SEARCH_INDEXER_PORT', 7701),
  mediaWorker: port('MEDIA_WORKER_PORT', 7702),
  kataRunner: port('KATA_RUNNER_PORT', 7703),
  web: port('WEB_PORT', 8080),
};

const local = (p: number) => `http://127.0.0.1:${p}`;

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
    env: (stack) => ({
      PORT: String(ports.platformApi),
      DATABASE_URL: stack.databases.platform.appUrl,
      DATABASE_OWNER_URL: stack.databases.platform.ownerUrl,
      JWT_PRIVATE_JWK: stack.signingKeyJwk,
      INTERNAL_TOKEN: stack.internalToken,
      PUBLIC_URL: local(ports.platformApi),
      SEARCH_URL: local(ports.searchIndexer),
      DOJO_ENGINE_URL: local(ports.dojoEngine),
      CORS_ORIGINS: local(ports.web),
      ...aws(stack),
    }),
  },
  {
    name: 'dojo-engine',
    entry: 'dojo-engine/src/main.ts',
    port: ports.dojoEngine,
    env: (stack) => ({
      PORT: String(ports.dojoEngine),
      DATABASE_URL: stack.databases.dojo.appUrl,
      DATABASE_OWNER_URL: stack.databases.dojo.ownerUrl,
      JWKS_URL: `${local(ports.platformApi)}/.well-known/jwks.json`,
      PUBLIC_ADDRESS: `127.0.0.1:${ports.dojoEngine}`,
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
    env: (stack) => ({
      PORT: String(ports.searchIndexer),
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
    env: (stack) => ({
      PORT: String(ports.mediaWorker),
      INTERNAL_TOKEN: stack.internalToken,
      PLATFORM_API_URL: local(ports.platformApi),
      ...aws(stack),
    }),
  },
  {
    name: 'kata-runner',
    entry: 'kata-runner/src/main.ts',
    port: ports.kataRunner,
    env: (stack) => ({
      PORT: String(ports.kataRunner),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: stack.awsEndpoint,
      // The Go build cache template is made once (about a minute) and kept with the rest of the local state.
      KATA_RUNNER_CACHE_DIR: `${stack.dataDir}/kata-runner`,
    }),
  },
  {
    name: 'web',
    entry: 'apps/web/scripts/serve.ts',
    port: ports.web,
    env: (stack) => ({
      PORT: String(ports.web),
      API_URL: local(ports.platformApi),
      ENGINE_URL: local(ports.dojoEngine),
      // The S3 emulator answers no CORS preflight: the dev server forwards presigned PUTs to it.
      S3_DEV_PROXY_URL: stack.awsEndpoint,
    }),
  },
];
