import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { TypedEnvelope } from '@pocdojo/common/events';
import { EventTypes, parseEnvelope } from '@pocdojo/common/events';
import type { Logger } from '@pocdojo/common/logger';
import { tracedHandler } from '@pocdojo/common/message-tracing';
import { retryBackoffSeconds } from '@pocdojo/common/sqs-backoff';
import { reportErasure } from '@pocdojo/common/tenant-erasure';
import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';
import { Consumer } from 'sqs-consumer';
import type { PocIndexer } from '../domain/poc-indexer.ts';

export interface PocEventsConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  indexer: PocIndexer;
  logger: Logger;
  registry: Registry;
  /** Long-poll wait (s); 20 in production, short in tests so stopping is quick. */
  waitTimeSeconds?: number;
  /** Seconds a received message stays hidden while being handled. */
  visibilityTimeoutSeconds?: number;
  /** Backoff after failures; defaults to {@link retryBackoffSeconds}. */
  retryDelaySeconds?: (messages: Message[]) => number;
}

/**
 * Consumes `poc-events` with sqs-consumer and the AWS SDK, applying each
 * envelope through the {@link PocIndexer}. A message is deleted only once it
 * is applied (or found stale); a failure makes it visible again after an
 * exponential backoff, and the queue's redrive policy parks it in the DLQ
 * after `maxReceiveCount` receives — which is where malformed envelopes end up.
 */
export class PocEventsConsumer {
  readonly #consumer: Consumer;
  readonly #logger: Logger;
  #lastError: Error | undefined;
  #stopping = false;

  constructor(options: PocEventsConsumerOptions) {
    const { indexer, logger } = options;
    this.#logger = logger;
    const events = new Counter({
      name: 'search_indexer_events_total',
      help: 'POC events handled, by type and outcome (applied, stale, ignored, failed)',
      labelNames: ['type', 'outcome'] as const,
      registers: [options.registry],
    });
    this.#consumer = Consumer.create({
      queueUrl: options.queueUrl,
      sqs: options.sqs,
      batchSize: 10,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      visibilityTimeout: options.visibilityTimeoutSeconds ?? 30,
      messageSystemAttributeNames: ['ApproximateReceiveCount'],
      messageAttributeNames: ['type'],
      terminateVisibilityTimeout: options.retryDelaySeconds ?? retryBackoffSeconds,
      handleMessage: tracedHandler(options.queueUrl, async (message) => {
        let envelope: TypedEnvelope;
        try {
          envelope = parseEnvelope(message.Body ?? '');
        } catch (error) {
          events.inc({ type: 'unknown', outcome: 'failed' });
          throw new Error(`malformed POC event ${message.MessageId}`, { cause: error });
        }
        try {
          const outcome = await indexer.apply(envelope);
          // The index forgot the team: platform-api hears so, and finishes the erasure when every service has.
          if (envelope.type === EventTypes.tenantErased) {
            await reportErasure(options.sqs, 'search-indexer', envelope.tenantId);
            logger.info({ tenantId: envelope.tenantId }, 'team erased from the search index');
          }
          events.inc({ type: envelope.type, outcome });
          logger.debug({ eventId: envelope.id, type: envelope.type, tenantId: envelope.tenantId, outcome }, 'event');
          return message;
        } catch (error) {
          events.inc({ type: envelope.type, outcome: 'failed' });
          throw error;
        }
      }),
    });
    this.#consumer.on('processing_error', (error, message) => {
      this.#logger.warn(
        { err: error, messageId: message.MessageId, receives: message.Attributes?.ApproximateReceiveCount },
        'POC event failed; it will be retried, then dead-lettered',
      );
    });
    this.#consumer.on('error', (error) => {
      // Stopping aborts the long poll in flight: expected, not an error.
      if (this.#stopping && (error as { code?: string }).code === 'AbortError') return;
      this.#lastError = error;
      this.#logger.error({ err: error }, 'polling poc-events failed');
    });
    this.#consumer.on('response_processed', () => {
      this.#lastError = undefined;
    });
  }

  start(): void {
    this.#consumer.start();
  }

  /** Rejects while the consumer is stopped or its last poll failed (readiness). */
  async ready(): Promise<void> {
    if (!this.#consumer.status.isRunning) throw new Error('not running');
    if (this.#lastError) throw new Error(`last poll failed: ${this.#lastError.message}`);
  }

  /** Stops polling and waits (bounded) for in-flight messages. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#consumer.status.isRunning) return resolve();
      this.#stopping = true;
      const timer = setTimeout(resolve, 10_000);
      this.#consumer.once('stopped', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#consumer.stop({ abort: true });
    });
  }
}
