import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { freePort } from '@pocdojo/common/dev/ports';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createS3Client, createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import test from 'ava';

const entry = join(import.meta.dirname, '..', 'src', 'main.ts');

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('main.ts starts from the env npm start gives it, serves ops routes, logs JSON and stops on SIGTERM', async (t) => {
  const emulator = await startAwsEmulator();
  t.teardown(() => emulator.stop());
  const sqs = createSqsClient(emulator.settings);
  for (const queue of ['media-jobs', 'media-results']) await ensureQueue(sqs, queue);
  await createS3Client(emulator.settings).send(new CreateBucketCommand({ Bucket: 'pocdojo-media' }));
  const port = await freePort();
  const metricsPort = await freePort();
  // Exactly the variables scripts/services.ts passes to the media worker.
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      INTERNAL_TOKEN: 'local-internal-token-0123456789',
      PLATFORM_API_URL: 'http://127.0.0.1:9',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emulator.settings.endpoint,
      S3_BUCKET: 'pocdojo-media',
      MEDIA_WAIT_TIME_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const ready = await until(async () => {
    const response = await fetch(`${base}/readyz`);
    return response.status === 200 ? response.json() : undefined;
  });
  t.deepEqual(ready, { status: 'ready', checks: { sqs: 'ok', s3: 'ok' } });
  t.is((await fetch(`${base}/healthz`)).status, 200);
  // Metrics are for Prometheus on their own port: the public port does not serve them.
  t.is((await fetch(`${base}/metrics`)).status, 404);
  t.regex(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(), /media_jobs_in_flight/);

  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = await exited;
  t.is(code, 0);
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  t.true(lines.some((line) => line.msg === 'media-worker ready'));
  t.true(lines.some((line) => line.msg === 'stopped'));
});

test('main.ts refuses to start without its required env and names the variables', async (t) => {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const [code] = await once(child, 'exit');
  t.is(code, 1);
  t.regex(output, /S3_BUCKET/);
  t.regex(output, /INTERNAL_TOKEN/);
  t.regex(output, /PLATFORM_API_URL/);
});
