/**
 * media-worker entry: consumes media jobs (reports, yearly videos) from SQS,
 * renders them and stores the output in S3. Env: see src/config.ts and README.md.
 */
import { awsSettingsFromEnv, createS3Client, createSqsClient } from '@pocdojo/common/aws';
import { flushErrorReports } from '@pocdojo/common/error-reporting';
import { createLogger } from '@pocdojo/common/logger';
import { createMetricsRegistry } from '@pocdojo/common/metrics';
import { HttpDojoSource } from './adapters/http-dojo-source.ts';
import { HttpPersonalDataSource } from './adapters/http-personal-data-source.ts';
import { HttpPocSource } from './adapters/http-poc-source.ts';
import type { Encryption } from './adapters/object-store.ts';
import { loadMediaWorkerEnv, type MediaWorkerEnv } from './config.ts';
import { startMediaWorker } from './media-worker.ts';
import { defaultFfmpegPath } from './video/ffmpeg.ts';

const logger = createLogger('media-worker');

function encryptionFrom(env: MediaWorkerEnv): Encryption {
  if (env.S3_SSE === 'aws:kms') return { mode: 'aws:kms', keyId: env.S3_KMS_KEY_ID ?? '' };
  if (env.S3_SSE === 'AES256') return { mode: 'AES256' };
  return { mode: 'off' };
}

try {
  const env = loadMediaWorkerEnv();
  const aws = awsSettingsFromEnv({ AWS_REGION: env.AWS_REGION, AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL });
  const worker = await startMediaWorker({
    sqs: createSqsClient(aws),
    s3: createS3Client(aws),
    bucket: env.S3_BUCKET,
    encryption: encryptionFrom(env),
    jobsQueue: env.MEDIA_JOBS_QUEUE,
    resultsQueue: env.MEDIA_RESULTS_QUEUE,
    source: new HttpPocSource({ baseUrl: env.PLATFORM_API_URL, token: env.INTERNAL_TOKEN }),
    dojos: env.DOJO_ENGINE_URL
      ? new HttpDojoSource({
          engineUrl: env.DOJO_ENGINE_URL,
          platformUrl: env.PLATFORM_API_URL,
          token: env.INTERNAL_TOKEN,
        })
      : undefined,
    personalData: new HttpPersonalDataSource({
      platformUrl: env.PLATFORM_API_URL,
      engineUrl: env.DOJO_ENGINE_URL,
      notifierUrl: env.NOTIFIER_URL,
      token: env.INTERNAL_TOKEN,
    }),
    logger,
    registry: createMetricsRegistry('media-worker'),
    ffmpegPath: env.FFMPEG_PATH ?? defaultFfmpegPath(),
    port: env.PORT,
    host: env.HOST,
    metricsPort: env.METRICS_PORT,
    concurrency: env.MEDIA_CONCURRENCY,
    visibilityTimeoutSeconds: env.MEDIA_VISIBILITY_TIMEOUT_SECONDS,
    heartbeatSeconds: env.MEDIA_HEARTBEAT_SECONDS,
    waitTimeSeconds: env.MEDIA_WAIT_TIME_SECONDS,
    retryBaseSeconds: env.MEDIA_RETRY_BASE_SECONDS,
    retryMaxSeconds: env.MEDIA_RETRY_MAX_SECONDS,
    maxReceives: env.MEDIA_MAX_RECEIVES,
    videoSecondsPerCard: env.MEDIA_VIDEO_SECONDS_PER_CARD,
    videoMaxPocs: env.MEDIA_VIDEO_MAX_POCS,
  });
  logger.info({ host: env.HOST, port: worker.port, metrics: worker.metricsUrl }, 'media-worker ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing or handing back running jobs');
    await worker.stop(env.MEDIA_SHUTDOWN_GRACE_SECONDS * 1000);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'media-worker failed to start');
  await flushErrorReports();
  process.exit(1);
}
