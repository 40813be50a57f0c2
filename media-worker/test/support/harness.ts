import { randomUUID } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type EventData, EventTypes, type TypedEnvelope } from '@pocdojo/common/contracts/events';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createS3Client, createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { Registry } from 'prom-client';
import { HttpDojoSource } from '../../src/adapters/http-dojo-source.ts';
import { HttpPocSource } from '../../src/adapters/http-poc-source.ts';
import { type MediaWorker, type MediaWorkerOptions, startMediaWorker } from '../../src/media-worker.ts';
import { defaultFfmpegPath } from '../../src/video/ffmpeg.ts';
import { type PlatformStub, startPlatformStub } from './platform-stub.ts';

const JOBS = 'media-jobs';
const RESULTS = 'media-results';
const BUCKET = 'media-test';

export type ResultEnvelope = Extract<TypedEnvelope, { type: 'media.progress' | 'media.completed' | 'media.failed' }>;

/**
 * One isolated world per test: an in-process SQS/S3 emulator with the jobs
 * queue (+ DLQ after 5 receives) and results queue, a bucket, the platform
 * export stand-in and a running worker with short timings.
 */
export interface Harness {
  sqs: SQSClient;
  s3: S3Client;
  stub: PlatformStub;
  /** The running worker (throws when started with `startWorker: false` and not started yet). */
  readonly worker: MediaWorker;
  startWorker(): Promise<void>;
  registry: Registry;
  bucket: string;
  /** Sends a job envelope (or a raw body) to the jobs queue. */
  send(body: object | string): Promise<void>;
  /** Results received so far, in arrival order. */
  results: ResultEnvelope[];
  /** Waits until `predicate` holds over the results (default 60 s). */
  waitFor(predicate: (results: ResultEnvelope[]) => boolean, timeoutMs?: number): Promise<ResultEnvelope[]>;
  /** Messages in the jobs DLQ (received and deleted). */
  drainDeadLetters(waitSeconds?: number): Promise<Message[]>;
  getObject(
    key: string,
  ): Promise<{ body: Uint8Array; contentType: string | undefined; metadata: Record<string, string> }>;
  listKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startHarness(
  overrides: Partial<MediaWorkerOptions> = {},
  { startWorker = true }: { startWorker?: boolean } = {},
): Promise<Harness> {
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  const s3 = createS3Client(emulator.settings);
  const jobsUrl = await ensureQueue(sqs, JOBS, { visibilityTimeoutSeconds: 30, maxReceiveCount: 5 });
  const resultsUrl = await ensureQueue(sqs, RESULTS);
  const dlqUrl = await ensureQueue(sqs, `${JOBS}-dlq`);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const stub = await startPlatformStub();
  const registry = new Registry();
  const launch = () =>
    startMediaWorker({
      sqs,
      s3,
      bucket: BUCKET,
      encryption: { mode: 'off' },
      jobsQueue: JOBS,
      resultsQueue: RESULTS,
      source: new HttpPocSource({ baseUrl: stub.url, token: stub.token, timeoutMs: 5000 }),
      dojos: new HttpDojoSource({ engineUrl: stub.url, platformUrl: stub.url, token: stub.token, timeoutMs: 5000 }),
      logger: createLogger('media-worker-test'),
      registry,
      ffmpegPath: defaultFfmpegPath(),
      concurrency: 2,
      visibilityTimeoutSeconds: 30,
      heartbeatSeconds: 10,
      waitTimeSeconds: 1,
      retryBaseSeconds: 1,
      retryMaxSeconds: 4,
      maxReceives: 5,
      videoSecondsPerCard: 1,
      videoMaxPocs: 50,
      ...overrides,
    });
  let worker = startWorker ? await launch() : undefined;

  const results: ResultEnvelope[] = [];
  let collecting = true;
  const collector = (async () => {
    while (collecting) {
      const out = await sqs
        .send(new ReceiveMessageCommand({ QueueUrl: resultsUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))
        .catch(() => ({ Messages: [] as Message[] }));
      for (const message of out.Messages ?? []) {
        results.push(JSON.parse(message.Body ?? '{}'));
        await sqs.send(new DeleteMessageCommand({ QueueUrl: resultsUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
  })();

  return {
    sqs,
    s3,
    stub,
    get worker() {
      if (!worker) throw new Error('the worker is not started');
      return worker;
    },
    async startWorker() {
      worker = await launch();
    },
    registry,
    bucket: BUCKET,
    results,
    async send(body) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const type = typeof body === 'object' && 'type' in body ? String(body.type) : 'unknown';
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: jobsUrl,
          MessageBody: text,
          MessageAttributes: { type: { DataType: 'String', StringValue: type } },
        }),
      );
    },
    async waitFor(predicate, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(results)) {
        if (Date.now() > deadline) {
          throw new Error(`timed out; results so far: ${JSON.stringify(results.map((r) => [r.type, r.data]))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return results;
    },
    async drainDeadLetters(waitSeconds = 1) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlqUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitSeconds,
          MessageAttributeNames: ['All'],
        }),
      );
      for (const message of out.Messages ?? []) {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle }));
      }
      return out.Messages ?? [];
    },
    async getObject(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return {
        body: await out.Body!.transformToByteArray(),
        contentType: out.ContentType,
        metadata: out.Metadata ?? {},
      };
    },
    async listKeys() {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (out.Contents ?? []).map((object) => object.Key ?? '').sort();
    },
    async close() {
      await worker?.stop(2000);
      collecting = false;
      await collector;
      await stub.close();
      await emulator.stop();
    },
  };
}

export function reportJob(
  tenantId: string,
  data: Partial<EventData['report.requested']> = {},
): { id: string; type: 'report.requested'; tenantId: string; occurredAt: string; data: EventData['report.requested'] } {
  return {
    id: randomUUID(),
    type: EventTypes.reportRequested,
    tenantId,
    occurredAt: new Date().toISOString(),
    data: {
      jobId: randomUUID(),
      requestedBy: randomUUID(),
      userId: null,
      from: '2026-01-01',
      to: '2027-01-01',
      format: 'pdf',
      ...data,
    },
  };
}

export function videoJob(
  tenantId: string,
  data: Partial<EventData['video.requested']> & { userId: string },
): { id: string; type: 'video.requested'; tenantId: string; occurredAt: string; data: EventData['video.requested'] } {
  return {
    id: randomUUID(),
    type: EventTypes.videoRequested,
    tenantId,
    occurredAt: new Date().toISOString(),
    data: { jobId: randomUUID(), requestedBy: data.userId, userName: 'Alice Martin', year: 2026, ...data },
  };
}

/** Results of one job, by type. */
export function ofJob(results: ResultEnvelope[], jobId: string) {
  const mine = results.filter((result) => result.data.jobId === jobId);
  return {
    all: mine,
    progress: mine.filter((r) => r.type === EventTypes.mediaProgress),
    completed: mine.filter((r) => r.type === EventTypes.mediaCompleted),
    failed: mine.filter((r) => r.type === EventTypes.mediaFailed),
  };
}
