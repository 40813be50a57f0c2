import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { awsSettingsFromEnv, createS3Client, createSqsClient, queueUrl } from '@pocdojo/common/runtime/aws';
import { reportErasure } from '@pocdojo/common/runtime/erasure-reports';
import { type HttpServer, listenHttp } from '@pocdojo/common/runtime/http-server';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { type MetricsServer, startMetricsServer } from '@pocdojo/common/runtime/metrics-server';
import type { ServiceKit } from '@pocdojo/common/runtime/run-service';
import { serviceApp } from '@pocdojo/common/runtime/service-app';
import type { Registry } from 'prom-client';
import { DeadLetterQueue, resolveRedrive } from './adapters/dead-letter-queue.ts';
import { HttpDojoSource } from './adapters/http-dojo-source.ts';
import { HttpPersonalDataSource } from './adapters/http-personal-data-source.ts';
import { HttpPocSource } from './adapters/http-poc-source.ts';
import { type Encryption, ObjectStore } from './adapters/object-store.ts';
import { ResultPublisher } from './adapters/result-publisher.ts';
import type { MediaWorkerConfig } from './config.ts';
import type { DojoSource } from './domain/dojo-source.ts';
import type { PersonalDataSource } from './domain/personal-data-source.ts';
import type { PocSource } from './domain/poc-source.ts';
import { JobConsumer } from './jobs/job-consumer.ts';
import { JobRunner } from './jobs/job-runner.ts';
import { createMessageHandler } from './jobs/message-handler.ts';
import { WorkerMetrics } from './ops/worker-metrics.ts';
import { defaultFfmpegPath } from './video/ffmpeg.ts';

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

/** The worker's parts as the environment names them (main.ts); tests build theirs from fixtures. */
export function mediaWorkerOptions({ config, logger, registry }: ServiceKit<MediaWorkerConfig>): MediaWorkerOptions {
  const aws = awsSettingsFromEnv({ AWS_REGION: config.AWS_REGION, AWS_ENDPOINT_URL: config.AWS_ENDPOINT_URL });
  return {
    sqs: createSqsClient(aws),
    s3: createS3Client(aws),
    bucket: config.S3_BUCKET,
    encryption: encryptionOf(config),
    jobsQueue: config.MEDIA_JOBS_QUEUE,
    resultsQueue: config.MEDIA_RESULTS_QUEUE,
    source: new HttpPocSource({ baseUrl: config.PLATFORM_API_URL, token: config.INTERNAL_TOKEN }),
    dojos: config.DOJO_ENGINE_URL
      ? new HttpDojoSource({
          engineUrl: config.DOJO_ENGINE_URL,
          platformUrl: config.PLATFORM_API_URL,
          token: config.INTERNAL_TOKEN,
        })
      : undefined,
    personalData: new HttpPersonalDataSource({
      platformUrl: config.PLATFORM_API_URL,
      engineUrl: config.DOJO_ENGINE_URL,
      notifierUrl: config.NOTIFIER_URL,
      token: config.INTERNAL_TOKEN,
    }),
    logger,
    registry,
    ffmpegPath: config.FFMPEG_PATH ?? defaultFfmpegPath(),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    concurrency: config.MEDIA_CONCURRENCY,
    visibilityTimeoutSeconds: config.MEDIA_VISIBILITY_TIMEOUT_SECONDS,
    heartbeatSeconds: config.MEDIA_HEARTBEAT_SECONDS,
    waitTimeSeconds: config.MEDIA_WAIT_TIME_SECONDS,
    retryBaseSeconds: config.MEDIA_RETRY_BASE_SECONDS,
    retryMaxSeconds: config.MEDIA_RETRY_MAX_SECONDS,
    maxReceives: config.MEDIA_MAX_RECEIVES,
    videoSecondsPerCard: config.MEDIA_VIDEO_SECONDS_PER_CARD,
    videoMaxPocs: config.MEDIA_VIDEO_MAX_POCS,
  };
}

function encryptionOf(config: MediaWorkerConfig): Encryption {
  if (config.S3_SSE === 'aws:kms') return { mode: 'aws:kms', keyId: config.S3_KMS_KEY_ID ?? '' };
  if (config.S3_SSE === 'AES256') return { mode: 'AES256' };
  return { mode: 'off' };
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
  let http: HttpServer | undefined;
  if (options.port !== undefined) {
    const app = serviceApp(logger, {
      sqs: async () => {
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: jobsUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
      },
      s3: async () => {
        await s3.send(new HeadBucketCommand({ Bucket: options.bucket }));
      },
    });
    http = await listenHttp(app.callback(), { port: options.port, host });
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

  return {
    port: http?.port,
    metricsUrl: metricsServer?.url,
    metrics,
    async stop(graceMs: number) {
      await consumer.stop(graceMs);
      await http?.close();
      await metricsServer?.close();
    },
  };
}
