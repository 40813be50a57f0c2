import type { SQSClient } from '@aws-sdk/client-sqs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { EventTypes, Queues } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { queueUrl } from '@pocdojo/common/runtime/aws';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { envelopeHandler, QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
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
  const consumer = new QueueConsumer({
    queueUrl: await queueUrl(deps.sqs, Queues.erasureReports),
    sqs: deps.sqs,
    logger,
    what: 'erasure report',
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handle: envelopeHandler('erasure report', async (envelope) => {
      if (envelope.type !== EventTypes.tenantErasureReported) {
        logger.warn({ type: envelope.type }, 'ignoring an event that is not an erasure report');
        return;
      }
      await recordErasureReport(
        { orm: deps.orm, objects: deps.objects, logger },
        envelope.tenantId as TenantId,
        envelope.data.service,
      );
    }),
  });
  consumer.start();
  return consumer;
}
