/**
 * One trace from an API request to the consumers and workers it caused: real
 * platform-api, search-indexer and media-worker in this process, real Postgres,
 * the real SQS/S3 emulator, and the SDK's in-memory span exporter. Tracing must
 * start before the instrumented modules load, so every service is imported
 * dynamically below.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTracing } from '@pocdojo/common/runtime/tracing';
import test from 'ava';

const exporter = new InMemorySpanExporter();
startTracing({ service: 'pocdojo-test', exporter, simple: true });

const { createLogger } = await import('@pocdojo/common/runtime/logger');
const { createS3Client, createSqsClient } = await import('@pocdojo/common/runtime/aws');
const { freePort } = await import('@pocdojo/common/dev/ports');
const { loadSearchIndexerConfig } = await import('../../search-indexer/src/config.ts');
const { startSearchIndexer } = await import('../../search-indexer/src/search-indexer.ts');
const { startMediaWorker } = await import('../../media-worker/src/media-worker.ts');
const { HttpPocSource } = await import('../../media-worker/src/adapters/http-poc-source.ts');
const { defaultFfmpegPath } = await import('../../media-worker/src/video/ffmpeg.ts');
const { Registry } = await import('prom-client');
const { ApiClient, signUpTeam } = await import('./helpers/client.ts');
const { INTERNAL_TOKEN, startTestPlatform } = await import('./helpers/platform.ts');

/** The search indexer's log lines, as it writes them. */
const indexerLines: Record<string, unknown>[] = [];
const indexerLog = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line) indexerLines.push(JSON.parse(line));
    done();
  },
});

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let stops: Array<() => Promise<unknown>> = [];
let api: InstanceType<typeof ApiClient>;

test.before(async () => {
  const searchPort = await freePort();
  platform = await startTestPlatform({ SEARCH_URL: `http://127.0.0.1:${searchPort}` });
  const dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-traces-'));
  const indexer = await startSearchIndexer(
    loadSearchIndexerConfig({
      PORT: String(searchPort),
      METRICS_PORT: '0',
      INTERNAL_TOKEN,
      AWS_ENDPOINT_URL: platform.awsEndpoint,
      SQS_WAIT_SECONDS: '1',
      SEARCH_DATA_DIR: dataDir,
      PLATFORM_API_URL: platform.url,
    }),
    createLogger('search-indexer', 'debug', indexerLog),
  );
  const aws = { region: 'us-east-1', endpoint: platform.awsEndpoint };
  const worker = await startMediaWorker({
    sqs: createSqsClient(aws),
    s3: createS3Client(aws),
    bucket: 'pocdojo-test',
    encryption: { mode: 'off' },
    jobsQueue: 'media-jobs',
    resultsQueue: 'media-results',
    source: new HttpPocSource({ baseUrl: platform.url, token: INTERNAL_TOKEN, timeoutMs: 5000 }),
    logger: createLogger('media-worker', 'silent'),
    registry: new Registry(),
    ffmpegPath: defaultFfmpegPath(),
    concurrency: 1,
    visibilityTimeoutSeconds: 30,
    heartbeatSeconds: 10,
    waitTimeSeconds: 1,
    retryBaseSeconds: 1,
    retryMaxSeconds: 4,
    maxReceives: 5,
    videoSecondsPerCard: 1,
    videoMaxPocs: 3,
  });
  stops = [() => worker.stop(1000), () => indexer.stop(), () => rm(dataDir, { recursive: true, force: true })];
  api = new ApiClient(platform.url);
});

test.after.always(async () => {
  for (const stop of stops) await stop();
  await platform?.close();
});

/** Waits until the finished spans of `traceId` satisfy `done` (spans end after the work they time). */
async function spansOf(traceId: string, done: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    if (done(spans) || Date.now() > deadline) return spans;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The names of `span` and its ancestors, nearest first, as far as the trace's finished spans reach. */
function ancestry(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const names: string[] = [];
  for (let s: ReadableSpan | undefined = span; s; s = byId.get(s.parentSpanContext?.spanId ?? '')) names.push(s.name);
  return names;
}

const named = (spans: ReadableSpan[], name: string) => spans.find((s) => s.name === name);

test.serial("creating a POC: the request's trace goes through the outbox to the search indexer", async (t) => {
  const { owner } = await signUpTeam(api);
  const requestId = `trace-test-${randomUUID()}`;
  const created = await owner.post(
    '/v1/pocs',
    { name: 'Traced operator', languages: ['Go'] },
    { 'x-request-id': requestId },
  );
  t.is(created.status, 201);
  const server = exporter
    .getFinishedSpans()
    .find((s) => s.kind === SpanKind.SERVER && s.attributes['request.id'] === requestId);
  t.truthy(server, 'the request has a server span carrying its id');
  const traceId = server!.spanContext().traceId;

  const spans = await spansOf(traceId, (all) => all.some((s) => s.name === 'poc-events process'));
  // The request wrote the POC and its outbox row in Postgres…
  t.true(
    spans.some((s) => s.name.startsWith('pg.query') && ancestry(s, spans).includes(server!.name)),
    'queries are children of the request',
  );
  // …the relay published the row later, still in the request's trace…
  const publish = named(spans, 'poc-events publish');
  t.truthy(publish, 'the outbox publish continues the trace');
  t.is(publish!.kind, SpanKind.PRODUCER);
  // …and the search indexer consumed it as a child of that publish.
  const consume = named(spans, 'poc-events process')!;
  t.is(consume.kind, SpanKind.CONSUMER);
  t.is(consume.parentSpanContext?.spanId, publish!.spanContext().spanId);
  t.is(consume.links[0]?.context.spanId, publish!.spanContext().spanId);
  t.true(ancestry(consume, spans).includes(server!.name), 'the consumer span leads back to the request');

  // The indexer's log line for the event carries the request's trace id and request id.
  const line = indexerLines.find((l) => l.msg === 'event' && l.traceId === traceId);
  t.truthy(line, 'the indexer logged the event within the trace');
  t.is(line?.requestId, requestId);
});

test.serial('asking for a report: the trace reaches the media worker, its render, S3 and the result', async (t) => {
  const { owner } = await signUpTeam(api);
  await owner.post('/v1/pocs', { name: 'Reported POC', languages: ['Rust'] });
  const year = new Date().getUTCFullYear();
  const asked = await owner.post('/v1/reports', {
    scope: 'tenant',
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    format: 'json',
  });
  t.is(asked.status, 202);
  // Without an X-Request-Id of the caller's, the request id is the trace id.
  const traceId = asked.headers.get('x-request-id') ?? '';
  t.regex(traceId, /^[0-9a-f]{32}$/);

  const deadline = Date.now() + 60_000;
  while ((await owner.get(`/v1/jobs/${asked.body.jobId}`)).body.status !== 'succeeded' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Every result the worker sent (progress, completed) consumed by platform-api, each in its own span.
  const count = (all: ReadableSpan[], name: string) => all.filter((s) => s.name === name).length;
  const spans = await spansOf(
    traceId,
    (all) =>
      count(all, 'media-results send') > 0 && count(all, 'media-results process') === count(all, 'media-results send'),
  );
  const render = named(spans, 'media render');
  t.truthy(render, 'the render is in the trace');
  t.is(render!.attributes['media.job_id'], asked.body.jobId);
  t.deepEqual(ancestry(render!, spans).slice(1, 3), ['media-jobs process', 'media-jobs publish']);
  // The worker's export call to platform-api and its upload to S3 are children of the render.
  t.true(
    spans.some(
      (s) => s.kind === SpanKind.CLIENT && s.name.startsWith('S3.') && ancestry(s, spans).includes('media render'),
    ),
    'the S3 upload is in the trace',
  );
  // The worker published its results, and platform-api consumed each, updating the job, in the same trace.
  const results = spans.filter((s) => s.name === 'media-results process');
  t.true(results.length >= 2, 'progress and completion');
  for (const result of results) t.true(ancestry(result, spans).includes('media render'), 'a result follows the render');
  t.true(
    spans.some((s) => s.name.startsWith('pg.query:UPDATE') && ancestry(s, spans).includes('media-results process')),
    'the job update is in the trace',
  );
  t.is((await owner.get(`/v1/jobs/${asked.body.jobId}`)).body.status, 'succeeded');
});
