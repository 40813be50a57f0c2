/**
 * `npm run bench -w @pocdojo/kata-runner` (a benchmark, not a test): FizzBuzz katas through the real
 * sandbox and toolchains.
 *
 *   1. Per language, in-process (no queue): the cold run (first of a fresh runner: the page cache and the
 *      Go build cache template are warm, nothing of the runner is) and warm runs; p50/p99 latency, and
 *      runs per second per core with as many runs at once as cores.
 *   2. The same run without the sandbox (the host's own `node --test` / `pytest`): the baseline the
 *      sandbox's cost is a ratio of.
 *   3. Through SQS (fauxqs) and the runner service: request sent → result received, 20 dojos pressing
 *      Run at once.
 *
 * Java is reported apart (the JVM starts twice per run). Figures vary with the machine's load: the load
 * average is printed. Options: RUNS (warm runs per language, default 10), LANGUAGES (comma list).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { KataRunQueues, type RunLanguage, RunLanguages, type RunResult } from '@pocdojo/common/contracts/kata-runs';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { Registry } from 'prom-client';
import { startKataRunner } from '../src/kata-runner.ts';
import { makeSandbox } from '../src/sandbox/make-sandbox.ts';
import { TestRunner } from '../src/test-runner.ts';
import { discoverToolchains } from '../src/toolchains/host-toolchains.ts';
import { fizzbuzz } from '../test/support/fizzbuzz-files.ts';
import { request } from '../test/support/test-runner-fixture.ts';

const RUNS = Number(process.env.RUNS ?? 10);
const languages = (process.env.LANGUAGES?.split(',') ?? RunLanguages) as RunLanguage[];
const cores = availableParallelism();
const logger = createLogger('kata-runner-bench', 'warn');
const cacheDir = join(tmpdir(), 'pocdojo-kata-runner-test-cache');
const DOJOS = 20;
const hostPython = await new Promise<string>((resolve) => {
  const child = spawn(process.env.KATA_PYTHON ?? 'python3', [
    '-c',
    'import os, sys; print(os.path.realpath(sys.executable))',
  ]);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.on('close', () => resolve(out.trim() || 'python3'));
});

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const files = (language: RunLanguage) => ({ ...fizzbuzz[language].tests, ...fizzbuzz[language].green });

async function freshRunner(firstUid: number): Promise<TestRunner> {
  const toolchains = await discoverToolchains({
    python: process.env.KATA_PYTHON ?? 'python3',
    go: process.env.KATA_GO ?? 'go',
    junitConsoleJar: '/usr/share/java/junit-platform-console-standalone.jar',
    cacheDir,
    logger,
  });
  await Promise.all([...toolchains.values()].map((toolchain) => toolchain.ready));
  const sandbox = await makeSandbox({ scratchDir: join(tmpdir(), `kata-bench-${randomUUID()}`), firstUid });
  return new TestRunner(sandbox, toolchains);
}

/** The same tests on the host, no sandbox: what the sandbox's cost is measured against. */
async function baseline(language: RunLanguage): Promise<number | undefined> {
  const command: Partial<Record<RunLanguage, string[]>> = {
    typescript: [process.execPath, '--test', '--test-reporter=tap', '--test-isolation=none'],
    // The interpreter itself, not a launcher such as pyenv's shim (the runner resolves it the same way).
    python: [hostPython, '-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
  };
  const argv = command[language];
  if (!argv) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'kata-baseline-'));
  try {
    for (const [path, text] of Object.entries(files(language))) await writeFile(join(dir, path), text);
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`baseline exit ${code}`))));
    });
    return performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function perLanguage(): Promise<void> {
  console.log(
    `\n== in-process, per language (${RUNS} warm runs, ${cores} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  console.log('language    cold      warm p50  warm p99  baseline p50  sandbox/baseline  runs/s/core');
  for (const language of languages) {
    const runner = await freshRunner(67_000);
    if (!runner.languages.includes(language)) {
      console.log(`${language.padEnd(11)} no toolchain on this machine`);
      continue;
    }
    const coldStart = performance.now();
    const cold = await runner.run(request(language, files(language)));
    const coldMs = performance.now() - coldStart;
    if (cold.colour !== 'green')
      throw new Error(`${language}: expected green, got ${cold.colour}: ${cold.summary}\n${cold.output}`);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await runner.run(request(language, files(language)));
      warm.push(performance.now() - started);
    }
    const base: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      const value = await baseline(language);
      if (value !== undefined) base.push(value);
    }
    // Throughput: as many runs at once as cores, twice over, each in its own slot (uid).
    const batch = cores * 2;
    const started = performance.now();
    await Promise.all(Array.from({ length: batch }, (_, slot) => runner.run(request(language, files(language)), slot)));
    const perCore = batch / ((performance.now() - started) / 1000) / cores;
    const baseP50 = base.length ? percentile(base, 50) : undefined;
    console.log(
      [
        language.padEnd(11),
        ms(coldMs).padEnd(9),
        ms(percentile(warm, 50)).padEnd(9),
        ms(percentile(warm, 99)).padEnd(9),
        (baseP50 !== undefined ? ms(baseP50) : 'n/a').padEnd(13),
        (baseP50 !== undefined ? `${(percentile(warm, 50) / baseP50).toFixed(2)}×` : 'n/a').padEnd(17),
        perCore.toFixed(2),
      ].join(' '),
    );
  }
}

async function throughQueues(): Promise<void> {
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  const requestsUrl = await ensureQueue(sqs, KataRunQueues.requests, { visibilityTimeoutSeconds: 60 });
  const resultsUrl = await ensureQueue(sqs, KataRunQueues.results);
  const service = await startKataRunner({
    sqs,
    requestsQueue: KataRunQueues.requests,
    resultsQueue: KataRunQueues.results,
    runner: await freshRunner(67_500),
    wallSeconds: 20,
    concurrency: cores,
    waitTimeSeconds: 1,
    logger,
    registry: new Registry(),
  });
  const sentAt = new Map<string, number>();
  const latencies = new Map<string, number>();
  const receiving = (async () => {
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline && latencies.size < DOJOS) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: resultsUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      const messages = out.Messages ?? [];
      for (const message of messages) {
        const result = JSON.parse(message.Body ?? '{}') as RunResult;
        const sent = sentAt.get(result.runId);
        if (sent !== undefined) latencies.set(result.runId, performance.now() - sent);
      }
      if (messages.length)
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: resultsUrl,
            Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
    }
  })();
  console.log(`\n== through SQS: 20 dojos press Run at once (TypeScript FizzBuzz; runner concurrency ${cores})`);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: DOJOS }, async () => {
      const run = request('typescript', files('typescript'));
      sentAt.set(run.runId, performance.now());
      await sqs.send(new SendMessageCommand({ QueueUrl: requestsUrl, MessageBody: JSON.stringify(run) }));
    }),
  );
  await receiving;
  const values = [...latencies.values()];
  const wallS = (performance.now() - started) / 1000;
  console.log(
    `results ${values.length}/${DOJOS} · p50 ${ms(percentile(values, 50))} · p99 ${ms(percentile(values, 99))} · max ${ms(Math.max(...values))} · all done in ${wallS.toFixed(1)} s · ${(values.length / wallS / cores).toFixed(2)} runs/s/core`,
  );
  await service.stop(5000);
  await emulator.stop();
}

await perLanguage();
await throughQueues();
