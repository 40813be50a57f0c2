import type { CORSRule } from '@aws-sdk/client-s3';
import { buildApp } from 'fauxqs';
import { corsPreflight, corsResponseHeaders } from '../runtime/s3-cors.ts';
import { s3ResponseOverrides } from '../runtime/s3-response-overrides.ts';

export interface AwsEmulatorOptions {
  /** Interface to listen on: loopback unless the caller says otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** SQLite file of queues and messages; in memory when unset. */
  dataDir?: string;
  /** S3 objects as files; in memory (or in `dataDir`) when unset. */
  s3StorageDir?: string;
  /** CORS rules every bucket answers with, as S3 would after PutBucketCors (fauxqs has none of its own). */
  cors?: CORSRule[];
}

export interface AwsEmulator {
  /** http://host:port, the AWS SDK endpoint. */
  address: string;
  port: number;
  stop(): Promise<void>;
}

/** fauxqs's stores and persistence: what its `startFauxqs` wires before listening (not in its package exports). */
interface FauxqsParts {
  SqsStore: new () => { allQueues(): Array<{ persistence?: unknown }>; persistence?: unknown };
  SnsStore: new () => { persistence?: unknown };
  S3Store: new () => { persistence?: unknown };
  PersistenceManager: new (
    dir: string,
  ) => { loadSqsAndSns(sqs: unknown, sns: unknown): void; loadS3(s3: unknown): void; close(): void };
  FileS3Persistence: new (dir: string) => { loadS3(s3: unknown): void; close(): void };
}

async function fauxqsParts(): Promise<FauxqsParts> {
  const dist = import.meta.resolve('fauxqs');
  const load = (path: string) => import(new URL(path, dist).href);
  const [sqs, sns, s3, persistence, files] = await Promise.all([
    load('./sqs/sqsStore.js'),
    load('./sns/snsStore.js'),
    load('./s3/s3Store.js'),
    load('./persistence.js'),
    load('./s3/fileS3Persistence.js'),
  ]);
  return {
    SqsStore: sqs.SqsStore,
    SnsStore: sns.SnsStore,
    S3Store: s3.S3Store,
    PersistenceManager: persistence.PersistenceManager,
    FileS3Persistence: files.FileS3Persistence,
  };
}

/**
 * The SQS/S3 emulator (fauxqs) listening on `host` only. fauxqs 2.4.1's
 * `startFauxqs` always listens on 0.0.0.0 — its `host` option only names the
 * host in queue URLs — which put every tenant's objects and queues on the
 * machine's network. So this assembles the server as `startFauxqs` does
 * (stores, persisted state loaded before persistence is attached, its public
 * `buildApp`) and listens itself; fauxqs is pinned, and the socket test in
 * common/test/aws-emulator.test.ts catches a layout change.
 */
export async function startAwsEmulatorServer(options: AwsEmulatorOptions): Promise<AwsEmulator> {
  const parts = await fauxqsParts();
  const sqsStore = new parts.SqsStore();
  const snsStore = new parts.SnsStore();
  const s3Store = new parts.S3Store();
  const sqlite = options.dataDir ? new parts.PersistenceManager(options.dataDir) : undefined;
  const files = options.s3StorageDir ? new parts.FileS3Persistence(options.s3StorageDir) : undefined;
  const s3Persistence = files ?? sqlite;
  // Load first, attach after: attaching first would write every loaded row back (and cascade deletes).
  if (sqlite) sqlite.loadSqsAndSns(sqsStore, snsStore);
  s3Persistence?.loadS3(s3Store);
  if (sqlite) {
    sqsStore.persistence = sqlite;
    snsStore.persistence = sqlite;
    for (const queue of sqsStore.allQueues()) queue.persistence = sqlite;
  }
  if (s3Persistence) s3Store.persistence = s3Persistence;

  const stores = { sqsStore, snsStore, s3Store } as unknown as NonNullable<Parameters<typeof buildApp>[0]>['stores'];
  const app = buildApp({ logger: false, stores });
  app.addHook('preClose', (done) => {
    sqlite?.close();
    files?.close();
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'GET' && reply.statusCode < 300) {
      const query = new URL(request.url, 'http://emulator').searchParams;
      reply.headers(s3ResponseOverrides(query));
    }
    done(null, payload);
  });
  const rules = options.cors ?? [];
  if (rules.length) {
    app.addHook('onRequest', (request, reply, done) => {
      const origin = request.headers.origin;
      if (!origin) return done();
      if (request.method === 'OPTIONS') {
        const answer = corsPreflight(rules, {
          origin,
          method: String(request.headers['access-control-request-method'] ?? ''),
          headers: String(request.headers['access-control-request-headers'] ?? ''),
        });
        reply.code(answer.status).headers(answer.headers).send();
        return;
      }
      reply.headers(corsResponseHeaders(rules, origin, request.method));
      done();
    });
  }
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { address: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, stop: () => app.close() };
}
