import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { EventTypes } from '@pocdojo/common/contracts/events';
import { reportErasure } from '@pocdojo/common/runtime/erasure-reports';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { envelopeHandler, QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import type { Registry } from 'prom-client';
import { Counter } from 'prom-client';
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
  /** Backoff after failures; defaults to the common exponential one. */
  retryDelaySeconds?: (messages: Message[]) => number;
}

/**
 * Consumes `poc-events`, applying each envelope through the {@link PocIndexer}.
 * A message is deleted only once it is applied (or found stale); a failure
 * makes it visible again after the backoff, and the queue's redrive policy
 * parks it in the DLQ — which is where malformed envelopes end up.
 */
export class PocEventsConsumer extends QueueConsumer {
  constructor(options: PocEventsConsumerOptions) {
    const { indexer, logger } = options;
    const events = new Counter({
      name: 'search_indexer_events_total',
      help: 'POC events handled, by type and outcome (applied, stale, ignored, failed)',
      labelNames: ['type', 'outcome'] as const,
      registers: [options.registry],
    });
    super({
      sqs: options.sqs,
      queueUrl: options.queueUrl,
      logger,
      what: 'POC event',
      waitTimeSeconds: options.waitTimeSeconds,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
      messageAttributeNames: ['type'],
      retryDelaySeconds: options.retryDelaySeconds,
      handle: envelopeHandler(
        'POC event',
        async (envelope) => {
          try {
            const outcome = await indexer.apply(envelope);
            // The index forgot the team: platform-api hears so, and finishes the erasure when every service has.
            if (envelope.type === EventTypes.tenantErased) {
              await reportErasure(options.sqs, 'search-indexer', envelope.tenantId);
              logger.info({ tenantId: envelope.tenantId }, 'team erased from the search index');
            }
            events.inc({ type: envelope.type, outcome });
            logger.debug({ eventId: envelope.id, type: envelope.type, tenantId: envelope.tenantId, outcome }, 'event');
          } catch (error) {
            events.inc({ type: envelope.type, outcome: 'failed' });
            throw error;
          }
        },
        () => events.inc({ type: 'unknown', outcome: 'failed' }),
      ),
    });
  }
}
