import { type ChildProcess, spawn } from 'node:child_process';

import { once } from 'node:events';
import { join } from 'node:path';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { KataRunQueues, type RunResult, runResultSchema } from '@pocdojo/common/contracts/kata-runs';
import { freePort } from '@pocdojo/common/dev/ports';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import test from 'ava';
import { fizzbuzz } from './support/fizzbuzz-files.ts';
import { request, testCacheDir } from './support/test-runner-fixture.ts';

const entry = join(import.meta.dirname, '..', 'src', 'main.ts');

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function receiveAll(sqs: SQSClient, url: string, count: number): Promise<Message[]> {
  const messages: Message[] = [];
  await until(async () => {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    for (const message of out.Messages ?? []) {
      messages.push(message);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
    }
    return messages.length >= count ? true : undefined;
  });
  return messages;
}

test('main.ts consumes run requests from SQS, publishes each light, parks invalid requests and stops on SIGTERM', async (t) => {
  const emulator = await startAwsEmulator();
  t.teardown(() => emulator.stop());
  const sqs = createSqsClient(emulator.settings);
  const requestsUrl = await ensureQueue(sqs, KataRunQueues.requests, { visibilityTimeoutSeconds: 60 });
  const resultsUrl = await ensureQueue(sqs, KataRunQueues.results);
  const deadLettersUrl = await ensureQueue(sqs, `${KataRunQueues.requests}-dlq`);
  const port = await freePort();
  const metricsPort = await freePort();
  // Exactly the variables scripts/services.ts passes to the runner, plus a uid range and cache of the test's own.
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emulator.settings.endpoint,
      KATA_RUNNER_CACHE_DIR: testCacheDir,
      KATA_RUNNER_FIRST_UID: String(64_000 + Math.floor(Math.random() * 1000) * 16),
      KATA_WAIT_TIME_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    logs += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    logs += chunk;
  });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  const base = `http://127.0.0.1:${port}`;
  await until(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
  const ready = await until(async () => {
    const response = await fetch(`${base}/readyz`);
    return response.ok ? ((await response.json()) as { checks: Record<string, string> }) : undefined;
  });
  t.is(ready.checks.sqs, 'ok');

  const sent = [
    request('python', { ...fizzbuzz.python.tests, ...fizzbuzz.python.red }),
    request('typescript', { ...fizzbuzz.typescript.tests, ...fizzbuzz.typescript.green }),
    request('go', { ...fizzbuzz.go.tests, ...fizzbuzz.go.broken }),
  ];
  for (const run of sent) {
    await sqs.send(new SendMessageCommand({ QueueUrl: requestsUrl, MessageBody: JSON.stringify(run) }));
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: requestsUrl, MessageBody: 'not json' }));
  const invalid = { ...request('python', { '../escape.py': 'x' }) };
  await sqs.send(new SendMessageCommand({ QueueUrl: requestsUrl, MessageBody: JSON.stringify(invalid) }));

  const results = (await receiveAll(sqs, resultsUrl, sent.length)).map(
    (message) => runResultSchema.parse(JSON.parse(message.Body ?? '')) as RunResult,
  );
  const byRun = new Map(results.map((result) => [result.runId, result]));
  t.is(byRun.get(sent[0]!.runId)?.colour, 'red');
  t.is(byRun.get(sent[1]!.runId)?.colour, 'green');
  t.is(byRun.get(sent[2]!.runId)?.colour, 'amber');
  t.is(byRun.get(sent[2]!.runId)?.reason, 'compile-error');
  t.is(byRun.get(sent[0]!.runId)?.dojoId, sent[0]!.dojoId);
  t.is(results.length, sent.length, 'an invalid request produced a result');

  const parked = await receiveAll(sqs, deadLettersUrl, 2);
  const reasons = parked.map((message) => message.MessageAttributes?.['dlq-reason']?.StringValue ?? '');
  t.true(reasons.some((reason) => /not JSON/.test(reason)));
  t.true(
    reasons.some((reason) => /files/.test(reason) && /\.\./.test(reason)),
    reasons.join(' | '),
  );

  t.is((await fetch(`${base}/metrics`)).status, 404, 'metrics are not on the service port');
  const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  t.regex(metrics, /kata_runs_total\{language="python",colour="red",reason="",service="kata-runner"\} 1/);
  t.regex(metrics, /kata_run_requests_poison_total\{service="kata-runner"\} 2/);
  t.true(logs.split('\n').some((line) => line.startsWith('{') && /"msg":"run finished"/.test(line)));

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  t.is(code, 0, logs.slice(-2000));
});
