import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Queues } from '@pocdojo/common/contracts/events';
import { KataRunQueues } from '@pocdojo/common/contracts/kata-runs';
import { freePort } from '@pocdojo/common/dev/ports';
import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createS3Client, createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { mediaBucketCors } from '@pocdojo/common/runtime/media-bucket-cors';
import { generateSigningKey } from '@pocdojo/common/runtime/tokens';
import { TEST_LINK_SEALING_KEY, TEST_MFA_SECRET_KEY } from '../../../../platform-api/test/helpers/platform.ts';
import type { LocalStack, ServiceSpec } from '../../../../scripts/services.ts';

export const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
export const artifactsDir = join(repoRoot, '.artifacts');

/** Service names as in scripts/services.ts. */
export type ServiceName =
  | 'platform-api'
  | 'dojo-engine'
  | 'search-indexer'
  | 'media-worker'
  | 'kata-runner'
  | 'local-inbox'
  | 'notifier'
  | 'web';

const entries: Record<ServiceName, string> = {
  'platform-api': 'platform-api/src/main.ts',
  'dojo-engine': 'dojo-engine/src/main.ts',
  'search-indexer': 'search-indexer/src/main.ts',
  'media-worker': 'media-worker/src/main.ts',
  'kata-runner': 'kata-runner/src/main.ts',
  'local-inbox': 'notifier/src/dev-inbox/main.ts',
  notifier: 'notifier/src/main.ts',
  web: 'apps/web/scripts/serve.ts',
};

/** The services among `wanted` whose entry file does not exist yet (their tests are skipped). */
export function missingServices(wanted: ServiceName[]): ServiceName[] {
  return wanted.filter((name) => !existsSync(join(repoRoot, entries[name])));
}

export interface Stack {
  webUrl: string;
  apiUrl: string;
  engineUrl: string;
  notifierUrl: string;
  /** The local inbox's page and JSON API (e-mails and pushes). */
  inboxUrl: string;
  /** platform-api's database, as its owner (tests read invitation links from the outbox). */
  platformOwnerUrl: string;
  /** The SQS/S3 emulator (presigned URLs point at it). */
  awsEndpoint: string;
  /** Last lines each service logged, for failure messages. */
  logs(name: ServiceName): string;
  /** SIGKILLs one service (as a crash would) and resolves once it is gone. */
  crash(name: ServiceName): Promise<void>;
  /** Starts a crashed service again with the same environment and port; resolves when it is healthy. */
  relaunch(name: ServiceName): Promise<void>;
  /** Sends a signal to one service's process (SIGSTOP/SIGCONT hold it in a state a test wants to see). */
  signal(name: ServiceName, signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/** How to start a service from somewhere else than this checkout: a rehearsed container image's folder. */
export interface ImageLaunch {
  cwd: string;
  /** The image's CMD in exec form; `node` resolves to the Node running the tests. */
  cmd: string[];
  /** The image's ENV. */
  env: Record<string, string>;
}

const portVariables: Record<ServiceName, string> = {
  'platform-api': 'PLATFORM_API_PORT',
  'dojo-engine': 'DOJO_ENGINE_PORT',
  'search-indexer': 'SEARCH_INDEXER_PORT',
  'media-worker': 'MEDIA_WORKER_PORT',
  'kata-runner': 'KATA_RUNNER_PORT',
  'local-inbox': 'INBOX_PORT',
  notifier: 'NOTIFIER_PORT',
  web: 'WEB_PORT',
};

const metricsPortVariables = [
  'PLATFORM_API_METRICS_PORT',
  'DOJO_ENGINE_METRICS_PORT',
  'SEARCH_INDEXER_METRICS_PORT',
  'MEDIA_WORKER_METRICS_PORT',
  'KATA_RUNNER_METRICS_PORT',
  'NOTIFIER_METRICS_PORT',
];

async function waitHealthy(url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not healthy at ${url} within ${timeoutMs} ms`);
}

/**
 * The real platform on free ports, each service its own process started from
 * its entry with the environment scripts/services.ts gives it: fresh
 * databases, an in-process SQS/S3 emulator with the three queues and a bucket,
 * a new signing key, and the web server. Only `services` (plus the web app) start (`web: false` leaves
 * the web app out), each from this checkout unless `options.images` names the rehearsed image to start it from.
 */
export async function startStack(
  services: ServiceName[],
  options: { images?: Partial<Record<ServiceName, ImageLaunch>>; web?: boolean } = {},
): Promise<Stack> {
  const wanted = new Set<ServiceName>(options.web === false ? services : [...services, 'web']);
  // services.ts reads the ports from the environment when it is first imported:
  // pick free ones first, so that every URL it derives points at this stack.
  for (const variable of [...Object.values(portVariables), ...metricsPortVariables]) {
    process.env[variable] = String(await freePort());
  }
  process.env.SMTP_PORT = String(await freePort());
  const { services: specs, ports, webOrigin } = await import('../../../../scripts/services.ts');

  const stops: Array<() => Promise<unknown>> = [];
  const children = new Map<ServiceName, ChildProcess>();
  const tails = new Map<ServiceName, string[]>();
  const stop = async () => {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };

  try {
    // The media bucket's CORS rule lets the web app PUT attachments straight to the emulator.
    const emulator = await startAwsEmulator({ cors: mediaBucketCors([webOrigin]) });
    stops.push(() => emulator.stop());
    const endpoint = emulator.settings.endpoint!;
    const sqs = createSqsClient(emulator.settings);
    await ensureQueue(sqs, Queues.pocEvents);
    await ensureQueue(sqs, Queues.mediaJobs, { visibilityTimeoutSeconds: 60 });
    await ensureQueue(sqs, Queues.mediaResults);
    await ensureQueue(sqs, Queues.dojoEvents);
    await ensureQueue(sqs, KataRunQueues.requests, { visibilityTimeoutSeconds: 60 });
    await ensureQueue(sqs, KataRunQueues.results);
    await ensureQueue(sqs, Queues.notifications);
    await ensureQueue(sqs, Queues.erasureReports);
    const bucket = `web-test-${randomBytes(4).toString('hex')}`;
    await createS3Client(emulator.settings).send(new CreateBucketCommand({ Bucket: bucket }));

    const platformDb = await createTestDatabase('webplat');
    stops.push(() => platformDb.drop());
    const dojoDb = await createTestDatabase('webdojo');
    stops.push(() => dojoDb.drop());
    const notifierDb = await createTestDatabase('webnotif');
    stops.push(() => notifierDb.drop());
    const dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-web-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));

    const stack: LocalStack = {
      adminUrl: process.env.DATABASE_URL ?? '',
      databases: { platform: platformDb, dojo: dojoDb, notifier: notifierDb },
      awsEndpoint: endpoint,
      bucket,
      signingKeyJwk: JSON.stringify((await generateSigningKey()).privateJwk),
      internalToken: randomBytes(32).toString('base64url'),
      // The tests' key: they open invitation links from the outbox with it (platform-api test helpers).
      linkSealingKey: TEST_LINK_SEALING_KEY,
      mfaSecretKey: TEST_MFA_SECRET_KEY,
      dataDir,
      redisUrl: undefined,
    };

    const logDir = join(artifactsDir, 'logs');
    await mkdir(logDir, { recursive: true });
    const launch = async (spec: ServiceSpec) => {
      const name = spec.name as ServiceName;
      // No REDIS_URL: this stack's engine is one process with local presence, isolated from other tests.
      const { REDIS_URL: _shared, ...inherited } = process.env;
      const image = options.images?.[name];
      const [command, ...args] = image?.cmd ?? [process.execPath, join(repoRoot, spec.entry)];
      const child = spawn(command!, args, {
        cwd: image?.cwd ?? repoRoot,
        env: {
          ...inherited,
          NODE_ENV: 'test',
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
          ...image?.env,
          PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
          ...spec.env(stack),
          // The runner's Go build cache is made once for all test runs, not once per stack.
          ...(name === 'kata-runner'
            ? {
                KATA_RUNNER_CACHE_DIR: join(tmpdir(), 'pocdojo-kata-runner-test-cache'),
                KATA_RUNNER_FIRST_UID: String(66_000 + Math.floor(Math.random() * 1000) * 16),
              }
            : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.set(name, child);
      const file = createWriteStream(join(logDir, `${name}-${process.pid}.log`));
      const tail: string[] = [];
      tails.set(name, tail);
      const keep = (chunk: Buffer) => {
        file.write(chunk);
        tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        if (tail.length > 80) tail.splice(0, tail.length - 80);
      };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      child.once('exit', () => file.end());
      const health = `http://127.0.0.1:${spec.port}/healthz`;
      // The web server may build the bundle first (≈ 5–20 s on a busy machine).
      await waitHealthy(health, child, name, name === 'web' ? 120_000 : 60_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${tail.slice(-30).join('\n')}`);
      });
    };

    const order: ServiceName[] = [
      'platform-api',
      'dojo-engine',
      'search-indexer',
      'media-worker',
      'kata-runner',
      'local-inbox',
      'notifier',
      'web',
    ];
    // platform-api first (others fetch its JWKS or call it), then the rest together.
    const selected = order.filter((name) => wanted.has(name)).map((name) => specs.find((s) => s.name === name)!);
    const [first, ...rest] = selected;
    if (first?.name === 'platform-api') await launch(first);
    await Promise.all((first?.name === 'platform-api' ? rest : selected).map(launch));

    return {
      webUrl: `http://127.0.0.1:${ports.web}`,
      apiUrl: `http://127.0.0.1:${ports.platformApi}`,
      engineUrl: `http://127.0.0.1:${ports.dojoEngine}`,
      notifierUrl: `http://127.0.0.1:${ports.notifier}`,
      inboxUrl: `http://127.0.0.1:${ports.inbox}`,
      platformOwnerUrl: platformDb.ownerUrl,
      awsEndpoint: endpoint,
      logs: (name) => (tails.get(name) ?? []).join('\n'),
      async crash(name) {
        const child = children.get(name);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGKILL');
        await gone;
      },
      async relaunch(name) {
        const spec = selected.find((candidate) => candidate.name === name);
        if (!spec) throw new Error(`${name} is not part of this stack`);
        await launch(spec);
      },
      signal: (name, signal) => {
        const child = children.get(name);
        if (!child?.pid) throw new Error(`${name} is not running`);
        process.kill(child.pid, signal);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
