import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { queueUrl } from '@pocdojo/common/aws';
import { EventTypes, parseEnvelope, Queues } from '@pocdojo/common/events';
import type { TenantId } from '@pocdojo/common/ids';
import type { Logger } from '@pocdojo/common/logger';
import { tracedHandler } from '@pocdojo/common/message-tracing';
import { runQueueConsumer } from '@pocdojo/common/queue-consumer';
import { Consumer } from 'sqs-consumer';
import { recordErasureReport } from '../domain/team-erasure.ts';
import type { ObjectStore } from './object-store.ts';

/**
 * Consumes `erasure-reports`: each service's `tenant.erasure_reported`; the
 * last one finishes the team's erasure. Applying a report twice changes
 * nothing, so redeliveries are harmless; a message that cannot be parsed goes
 * to the DLQ after the queue's maxReceiveCount.
 */
export async function startErasureReportsConsumer(deps: {
  sqs: SQSClient;
  orm: MikroORM;
  objects: ObjectStore;
  logger: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const logger = deps.logger.child({ component: 'erasure-reports' });
  const consumer = Consumer.create({
    queueUrl: await queueUrl(deps.sqs, Queues.erasureReports),
    sqs: deps.sqs,
    batchSize: 10,
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handleMessage: tracedHandler(Queues.erasureReports, async (message) => {
      const envelope = parseEnvelope(message.Body ?? '');
      if (envelope.type !== EventTypes.tenantErasureReported) {
        logger.warn({ type: envelope.type }, 'ignoring an event that is not an erasure report');
        return message;
      }
      await recordErasureReport(
        { orm: deps.orm, objects: deps.objects, logger },
        envelope.tenantId as TenantId,
        envelope.data.service,
      );
      return message;
    }),
  });
  return runQueueConsumer(consumer, logger, 'erasure report');
}
