import type { Server } from 'node:http';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueUrl } from '@pocdojo/common/aws';
import type { Logger } from '@pocdojo/common/logger';
import { type MetricsServer, startMetricsServer } from '@pocdojo/common/metrics-server';
import { opsRoutes } from '@pocdojo/common/ops-routes';
import { reportErasure } from '@pocdojo/common/tenant-erasure';
import Koa from 'koa';
import type { Registry } from 'prom-client';
import { DeadLetterQueue, resolveRedrive } from './adapters/dead-letter-queue.ts';
import { type Encryption, ObjectStore } from './adapters/object-store.ts';
import { ResultPublisher } from './adapters/result-publisher.ts';
import type { DojoSource } from './domain/dojo-source.ts';
import type { PersonalDataSource } from './domain/personal-data-source.ts';
import type { PocSource } from './domain/poc-source.ts';
import { JobConsumer } from './jobs/job-consumer.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { createMessageHandler } from './jobs/message-handler.ts';
import { WorkerMetrics } from './ops/worker-metrics.ts';

/** Everything the worker needs, already built: main.ts makes it from the env, tests from their fixtures. */
export interface MediaWorkerOptions {
  sqs: SQSClient;
  s3: S3Client;
  bucket: string;
  encryption: Encryption;
  jobsQueue: string;
  resultsQueue: string;
  source: PocSource;
  /** Which dojos a member joined, for the yearly video; none when absent. */
  dojos?: DojoSource;
  /** Each service's part of a member's personal data, for exports; such jobs fail when absent. */
  personalData?: PersonalDataSource;
  logger: Logger;
  registry: Registry;
  ffmpegPath: string;
  /** Port for /healthz and /readyz; omit to run without HTTP (tests). */
  port?: number;
  /** Interface both ports listen on (loopback by default). */
  host?: string;
  /** Port of the Prometheus /metrics server; none when unset. */
  metricsPort?: number;
  concurrency: number;
  visibilityTimeoutSeconds: number;
  heartbeatSeconds: number;
  waitTimeSeconds: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** Used when the jobs queue has no redrive policy to read. */
  maxReceives: number;
  videoSecondsPerCard: number;
  videoMaxPocs: number;
}

export interface MediaWorker {
  /** Bound HTTP port, when `port` was given. */
  readonly port: number | undefined;
  /** http://host:port/metrics when `metricsPort` was given. */
  readonly metricsUrl: string | undefined;
  readonly metrics: WorkerMetrics;
  /** Stops consuming (see JobConsumer.stop), then the HTTP server. */
  stop(graceMs: number): Promise<void>;
}

/** Wires adapters, runner and consumer, starts consuming and (optionally) serves ops routes. */
export async function startMediaWorker(options: MediaWorkerOptions): Promise<MediaWorker> {
  const { sqs, s3, logger } = options;
  const jobsUrl = await queueUrl(sqs, options.jobsQueue);
  const resultsUrl = await queueUrl(sqs, options.resultsQueue);
  const redrive = await resolveRedrive(sqs, jobsUrl, options.jobsQueue, options.maxReceives);
  const metrics = new WorkerMetrics(options.registry);
  const publisher = new ResultPublisher(sqs, resultsUrl);
  const store = new ObjectStore(s3, options.bucket, options.encryption);
  const runner = new JobRunner({
    source: options.source,
    dojos: options.dojos,
    personalData: options.personalData,
    store,
    publisher,
    metrics,
    logger,
    video: {
      ffmpegPath: options.ffmpegPath,
      secondsPerCard: options.videoSecondsPerCard,
      maxPocs: options.videoMaxPocs,
    },
  });
  const handle = createMessageHandler({
    runner,
    publisher,
    deadLetters: new DeadLetterQueue(sqs, redrive.deadLetterQueueUrl),
    metrics,
    logger,
    maxReceives: redrive.maxReceiveCount,
    erasure: {
      deletePrefix: (prefix) => store.deletePrefix(prefix),
      report: (tenantId) => reportErasure(sqs, 'media-worker', tenantId),
    },
  });
  const consumer = new JobConsumer({
    sqs,
    queueUrl: jobsUrl,
    concurrency: options.concurrency,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    heartbeatSeconds: options.heartbeatSeconds,
    waitTimeSeconds: options.waitTimeSeconds,
    retryBaseSeconds: options.retryBaseSeconds,
    retryMaxSeconds: options.retryMaxSeconds,
    logger,
    handle,
  });

  const host = options.host ?? '127.0.0.1';
  let server: Server | undefined;
  const port = options.port;
  if (port !== undefined) {
    const app = new Koa();
    const router = opsRoutes({
      sqs: async () => {
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: jobsUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
      },
      s3: async () => {
        await s3.send(new HeadBucketCommand({ Bucket: options.bucket }));
      },
    });
    app.use(router.routes()).use(router.allowedMethods());
    server = await new Promise<Server>((resolve, reject) => {
      const listening = app.listen(port, host, () => resolve(listening));
      listening.once('error', reject);
    });
  }
  const metricsServer: MetricsServer | undefined =
    options.metricsPort === undefined
      ? undefined
      : await startMetricsServer(options.registry, { port: options.metricsPort, host });
  consumer.start();
  logger.info(
    { queue: options.jobsQueue, concurrency: options.concurrency, maxReceives: redrive.maxReceiveCount },
    'media worker consuming',
  );

  const address = server?.address();
  return {
    port: typeof address === 'object' && address ? address.port : undefined,
    metricsUrl: metricsServer?.url,
    metrics,
    async stop(graceMs: number) {
      await consumer.stop(graceMs);
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      await metricsServer?.close();
    },
  };
}
