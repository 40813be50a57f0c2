import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Queues } from '@pocdojo/common/contracts/events';
import { queueUrl } from '@pocdojo/common/runtime/aws';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { envelopeHandler, QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import { applyMediaResult } from '../domain/media-results.ts';

/**
 * Consumes `media-results` (the common queue consumer). A message that cannot be parsed
 * or applied is not deleted: SQS redelivers it and, after the queue's
 * maxReceiveCount, parks it in `media-results-dlq`.
 */
export async function startMediaResultsConsumer(deps: {
  sqs: SQSClient;
  orm: MikroORM;
  logger: Logger;
  /** Wakes the outbox relay: a finished job may have admitted the team's next one. */
  eventsWritten?: () => void;
}): Promise<{ stop(): Promise<void> }> {
  const consumer = new QueueConsumer({
    queueUrl: await queueUrl(deps.sqs, Queues.mediaResults),
    sqs: deps.sqs,
    logger: deps.logger,
    what: 'media result',
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handle: envelopeHandler('media result', async (envelope) => {
      await applyMediaResult(deps.orm, deps.logger, envelope);
      deps.eventsWritten?.();
    }),
  });
  consumer.start();
  return consumer;
}
