import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { queueUrl } from '@pocdojo/common/aws';
import { parseEnvelope, Queues } from '@pocdojo/common/events';
import type { Logger } from '@pocdojo/common/logger';
import { tracedHandler } from '@pocdojo/common/message-tracing';
import { runQueueConsumer } from '@pocdojo/common/queue-consumer';
import { Consumer } from 'sqs-consumer';
import { applyMediaResult } from '../domain/media-results.ts';

/**
 * Consumes `media-results` with sqs-consumer. A message that cannot be parsed
 * or applied is not deleted: SQS redelivers it and, after the queue's
 * maxReceiveCount, parks it in `media-results-dlq`.
 */
export async function startMediaResultsConsumer(deps: {
  sqs: SQSClient;
  orm: MikroORM;
  logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const consumer = Consumer.create({
    queueUrl: await queueUrl(deps.sqs, Queues.mediaResults),
    sqs: deps.sqs,
    batchSize: 10,
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handleMessage: tracedHandler(Queues.mediaResults, async (message) => {
      const envelope = parseEnvelope(message.Body ?? '');
      await applyMediaResult(deps.orm, deps.logger, envelope);
      return message;
    }),
  });
  return runQueueConsumer(consumer, deps.logger, 'media result');
}
