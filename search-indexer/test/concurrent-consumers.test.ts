import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createSqsClient, ensureQueue } from '@pocdojo/common/aws';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { TypedEnvelope } from '@pocdojo/common/events';
import { createLogger } from '@pocdojo/common/logger';
import { createMetricsRegistry } from '@pocdojo/common/metrics';
import { startAwsEmulator } from '@pocdojo/common/testing/emulator';
import test from 'ava';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { PocIndexer } from '../src/domain/poc-indexer.ts';
import type { SearchEngine } from '../src/domain/search-engine.ts';
import { PocEventsConsumer } from '../src/messaging/poc-events-consumer.ts';
import { newTenant, poc, query } from './conformance/fixtures.ts';
import { deleted, upserted } from './helpers/envelopes.ts';

/** Holds every write of `engine` back a little, as a network engine (Meilisearch) would. */
function slowWrites(engine: SearchEngine): SearchEngine {
  const later = () => new Promise((r) => setTimeout(r, Math.random() * 5));
  return Object.assign(Object.create(engine), {
    upsert: async (pocs: SearchablePoc[]) => {
      await later();
      return engine.upsert(pocs);
    },
    remove: async (...args: Parameters<SearchEngine['remove']>) => {
      await later();
      return engine.remove(...args);
    },
    versionOf: async (...args: Parameters<SearchEngine['versionOf']>) => {
      const entry = await engine.versionOf(...args);
      await later();
      return entry;
    },
  });
}

test('two consumers (replicas) on one queue and one engine end with every POC at its newest version', async (t) => {
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  const queueUrl = await ensureQueue(sqs, 'poc-events-race', { maxReceiveCount: 5, visibilityTimeoutSeconds: 30 });
  const logger = createLogger('search-indexer-test', 'silent');
  const engine = await EmbeddedSearchEngine.open({ logger });
  const shared = slowWrites(engine);
  const consumers = [0, 1].map(
    () =>
      new PocEventsConsumer({
        sqs,
        queueUrl,
        indexer: new PocIndexer(shared),
        logger,
        registry: createMetricsRegistry('search-indexer-test'),
        waitTimeSeconds: 1,
      }),
  );
  t.teardown(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await engine.close();
    await emulator.stop();
  });

  const tenant = newTenant();
  const pocs = Array.from({ length: 6 }, (_, i) => poc(tenant, { name: `Race ${i}` }));
  // Versions 1–8 of each POC, the last POC deleted at 9, all on the queue in a shuffled order.
  const events: TypedEnvelope[] = pocs.flatMap((doc, i) => [
    ...Array.from({ length: 8 }, (_, v) => upserted({ ...doc, name: `Race ${i} v${v + 1}`, version: v + 1 })),
    ...(i === 5 ? [deleted(doc, 9)] : []),
  ]) as TypedEnvelope[];
  events.sort(() => Math.random() - 0.5);
  for (let i = 0; i < events.length; i += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: events.slice(i, i + 10).map((event, j) => ({ Id: String(j), MessageBody: JSON.stringify(event) })),
      }),
    );
  }
  for (const consumer of consumers) consumer.start();

  // Drained: nothing visible and nothing in flight.
  for (;;) {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    if (Attributes?.ApproximateNumberOfMessages === '0' && Attributes.ApproximateNumberOfMessagesNotVisible === '0') {
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const [i, doc] of pocs.entries()) {
    t.like(await engine.versionOf(tenant, doc.id), i === 5 ? { version: 9, deleted: true } : { version: 8 });
  }
  const names = (await engine.search(query(tenant, { q: 'race', limit: '20' }))).hits.map((hit) => hit.name).sort();
  t.deepEqual(names, ['Race 0 v8', 'Race 1 v8', 'Race 2 v8', 'Race 3 v8', 'Race 4 v8']);
});
