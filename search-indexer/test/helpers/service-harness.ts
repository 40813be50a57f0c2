import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Envelope } from '@pocdojo/common/contracts/events';
import { Queues } from '@pocdojo/common/contracts/events';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { loadSearchIndexerConfig } from '../../src/config.ts';
import type { RunningSearchIndexer } from '../../src/search-indexer.ts';
import { startSearchIndexer } from '../../src/search-indexer.ts';

/**
 * A real search indexer (embedded engine on a temporary directory, HTTP on a
 * free port) consuming `poc-events` from an in-process SQS emulator, plus the
 * helpers a test needs to publish events and query the API.
 */
export interface Harness {
  sqs: SQSClient;
  queueUrl: string;
  dlqUrl: string;
  token: string;
  service: RunningSearchIndexer;
  dataDir: string;
  publish(envelope: Envelope | string): Promise<void>;
  search(params: Record<string, string>, token?: string): Promise<Response>;
  /** Starts a fresh service process-equivalent on the same data dir and queue. */
  restart(): Promise<void>;
  /** Resolves once the queue has no visible or in-flight message. */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  // Two receives before the DLQ keeps the poison-message test short.
  const queueUrl = await ensureQueue(sqs, Queues.pocEvents, { maxReceiveCount: 2, visibilityTimeoutSeconds: 5 });
  const dlqUrl = await ensureQueue(sqs, `${Queues.pocEvents}-dlq`);
  const dataDir = await mkdtemp(join(tmpdir(), 'search-indexer-'));
  const token = randomBytes(24).toString('hex');
  const config = loadSearchIndexerConfig({
    PORT: '0',
    METRICS_PORT: '0',
    INTERNAL_TOKEN: token,
    AWS_REGION: emulator.settings.region,
    AWS_ENDPOINT_URL: emulator.settings.endpoint,
    SQS_WAIT_SECONDS: '1',
    SEARCH_DATA_DIR: dataDir,
  });
  const logger = createLogger('search-indexer-test');
  const harness: Harness = {
    sqs,
    queueUrl,
    dlqUrl,
    token,
    dataDir,
    service: await startSearchIndexer(config, logger),
    async publish(envelope) {
      const body = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
      const type = typeof envelope === 'string' ? 'unknown' : envelope.type;
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          MessageAttributes: { type: { DataType: 'String', StringValue: type } },
        }),
      );
    },
    search(params, bearer = token) {
      const url = new URL('/internal/v1/search', harness.service.url);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      return fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    },
    async restart() {
      await harness.service.stop();
      harness.service = await startSearchIndexer(config, logger);
    },
    async drained() {
      await eventually(async () => {
        const out = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queueUrl,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        const pending =
          Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
          Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
        return pending === 0 ? true : undefined;
      }, 'the poc-events queue to drain');
    },
    async close() {
      await harness.service.stop();
      sqs.destroy();
      await emulator.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Polls `probe` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Receives one message body from `queueUrl` (long-polling briefly), or undefined. */
export async function receiveOne(sqs: SQSClient, url: string): Promise<string | undefined> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1, MaxNumberOfMessages: 1 }));
  return out.Messages?.[0]?.Body;
}
