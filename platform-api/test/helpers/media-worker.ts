import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '@pocdojo/common/dev/ports';
import { INTERNAL_TOKEN, type TestPlatform } from './platform.ts';

/**
 * The real media-worker, as its own process, talking to `platform` through
 * SQS, S3 and the internal export; resolves once it answers /healthz.
 */
export async function startMediaWorker(
  platform: TestPlatform,
  env: Record<string, string> = {},
): Promise<{ process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const worker = spawn(
    process.execPath,
    [join(import.meta.dirname, '..', '..', '..', 'media-worker', 'src', 'main.ts')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        METRICS_PORT: '0',
        AWS_ENDPOINT_URL: platform.api.deps.config.AWS_ENDPOINT_URL,
        S3_BUCKET: 'pocdojo-test',
        INTERNAL_TOKEN,
        PLATFORM_API_URL: platform.url,
        MEDIA_WAIT_TIME_SECONDS: '1',
        MEDIA_VIDEO_SECONDS_PER_CARD: '1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  for (let i = 0; i < 300; i++) {
    if (worker.exitCode !== null) throw new Error(`media-worker exited with ${worker.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    process: worker,
    async stop() {
      if (worker.exitCode !== null) return;
      worker.kill('SIGTERM');
      await once(worker, 'exit');
    },
  };
}
