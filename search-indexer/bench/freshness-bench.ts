/**
 * `npm run bench:freshness -w search-indexer` (not a test): how long a POC
 * event takes from SendMessage on `poc-events` to being findable through the
 * query API — the indexer's share of the "findable within 1 s" goal. Runs the
 * real service (embedded engine, persisted) against the in-process SQS emulator.
 * Env: BENCH_EVENTS (default 200).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { EventTypes, Queues } from '@pocdojo/common/contracts/events';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { loadSearchIndexerConfig } from '../src/config.ts';
import { startSearchIndexer } from '../src/search-indexer.ts';
import { percentile } from './query-set.ts';

const events = Number(process.env.BENCH_EVENTS ?? 200);
const emulator = await startAwsEmulator();
const sqs = createSqsClient(emulator.settings);
const queueUrl = await ensureQueue(sqs, Queues.pocEvents);
const dataDir = await mkdtemp(join(tmpdir(), 'search-freshness-'));
const token = randomBytes(24).toString('hex');
const service = await startSearchIndexer(
  loadSearchIndexerConfig({
    PORT: '0',
    METRICS_PORT: '0',
    INTERNAL_TOKEN: token,
    AWS_ENDPOINT_URL: emulator.settings.endpoint,
    SQS_WAIT_SECONDS: '20',
    SEARCH_DATA_DIR: dataDir,
  }),
  createLogger('search-freshness', process.env.LOG_LEVEL ?? 'warn'),
);

const tenantId = randomUUID();
const samples: number[] = [];
try {
  for (let i = 0; i < events; i++) {
    const word = `fresh${i}probe`;
    const at = new Date().toISOString();
    const poc = {
      id: randomUUID(),
      tenantId,
      ownerId: randomUUID(),
      name: `Freshness ${word}`,
      description: '',
      languages: ['Go'],
      tags: ['bench'],
      status: 'active',
      repoUrl: null,
      startedAt: null,
      finishedAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    const envelope = { id: randomUUID(), type: EventTypes.pocUpserted, tenantId, occurredAt: at, data: poc };
    const url = new URL('/internal/v1/search', service.url);
    url.search = new URLSearchParams({ tenantId, q: word, limit: '100' }).toString();
    const started = performance.now();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(envelope) }));
    for (;;) {
      const body = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        hits: { id: string }[];
      };
      // Earlier probes match too (one typo away), so look for this POC's id.
      if (body.hits.some((hit) => hit.id === poc.id)) break;
      if (performance.now() - started > 10_000) throw new Error(`event ${i} not searchable after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    samples.push(performance.now() - started);
    if ((i + 1) % 20 === 0) process.stdout.write(`\r  ${i + 1}/${events} events`);
  }
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  process.stdout.write(
    `\rfreshness over ${events} events (SendMessage → findable via HTTP): ` +
      `p50 ${f(percentile(samples, 50))}, p95 ${f(percentile(samples, 95))}, p99 ${f(percentile(samples, 99))}, ` +
      `max ${f(Math.max(...samples))}\n`,
  );
} finally {
  await service.stop();
  sqs.destroy();
  await emulator.stop();
  await rm(dataDir, { recursive: true, force: true });
}
