import { listenHost, loadConfig, port } from '@pocdojo/common/config';
import { Queues } from '@pocdojo/common/events';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().min(0).max(43_200).default(fallback);

/**
 * The media worker's environment (see scripts/services.ts for what `npm start` passes).
 * Every variable is validated at start; a bad one stops the process with its name.
 */
export const configSchema = z
  .object({
    PORT: port(7702),
    HOST: listenHost(),
    /** Prometheus scrapes /metrics here, never on PORT. */
    METRICS_PORT: port(9303),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** Emulator endpoint locally; unset in AWS. */
    AWS_ENDPOINT_URL: z
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    S3_BUCKET: z.string().min(3),
    /** Server-side encryption of outputs: off (emulator), AES256 (S3-managed) or aws:kms. */
    S3_SSE: z.enum(['', 'off', 'AES256', 'aws:kms']).default(''),
    S3_KMS_KEY_ID: z.string().optional(),
    INTERNAL_TOKEN: z.string().min(16, 'must be the shared internal token (≥ 16 characters)'),
    PLATFORM_API_URL: z.url(),
    /** dojo-engine, for the dojos a member joined (yearly video) and their dojo records (personal data export); unset: none. */
    DOJO_ENGINE_URL: z.url().optional(),
    /** notifier, for the notifications in a member's personal data export; unset: the archive says they are missing. */
    NOTIFIER_URL: z.url().optional(),
    /** ffmpeg binary; defaults to the `ffmpeg` on PATH (Debian's package). */
    FFMPEG_PATH: z.string().optional(),
    MEDIA_JOBS_QUEUE: z.string().min(1).default(Queues.mediaJobs),
    MEDIA_RESULTS_QUEUE: z.string().min(1).default(Queues.mediaResults),
    /** Jobs rendered at once; each video render keeps ffmpeg busy on about one core. */
    MEDIA_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
    /** Visibility lease per receive; the heartbeat renews it while a job runs. */
    MEDIA_VISIBILITY_TIMEOUT_SECONDS: seconds(60),
    MEDIA_HEARTBEAT_SECONDS: seconds(20),
    /** Backoff after a failed attempt: base × 2^(attempt−1), capped. */
    MEDIA_RETRY_BASE_SECONDS: seconds(10),
    MEDIA_RETRY_MAX_SECONDS: seconds(300),
    /** Receives before a job is given up (matches the queue's redrive policy when it cannot be read). */
    MEDIA_MAX_RECEIVES: z.coerce.number().int().min(1).max(1000).default(5),
    /** On SIGTERM, how long running jobs may finish before they are handed back. */
    MEDIA_SHUTDOWN_GRACE_SECONDS: seconds(25),
    MEDIA_VIDEO_SECONDS_PER_CARD: z.coerce.number().min(0.5).max(10).default(3),
    MEDIA_VIDEO_MAX_POCS: z.coerce.number().int().min(1).max(2000).default(24),
    MEDIA_WAIT_TIME_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  })
  .superRefine((env, ctx) => {
    if (env.S3_SSE === 'aws:kms' && !env.S3_KMS_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['S3_KMS_KEY_ID'], message: 'required when S3_SSE=aws:kms' });
    }
    if (env.MEDIA_HEARTBEAT_SECONDS >= env.MEDIA_VISIBILITY_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_HEARTBEAT_SECONDS'],
        message: 'must be shorter than MEDIA_VISIBILITY_TIMEOUT_SECONDS',
      });
    }
  });
export type MediaWorkerEnv = z.infer<typeof configSchema>;

export function loadMediaWorkerEnv(env: Record<string, string | undefined> = process.env): MediaWorkerEnv {
  return loadConfig('media-worker', configSchema, env);
}
