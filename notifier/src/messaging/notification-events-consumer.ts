import type { SQSClient } from '@aws-sdk/client-sqs';
import { EventTypes } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { reportErasure } from '@pocdojo/common/runtime/erasure-reports';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { envelopeHandler, QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import { eraseTenantRows } from '@pocdojo/common/runtime/tenant-rows';
import { Counter, type Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import type { NotificationIntake } from '../domain/notification-intake.ts';

export interface NotificationEventsConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  intake: NotificationIntake;
  /** Where a `tenant.erased` event erases the team's rows. */
  db: Database;
  logger: Logger;
  registry: Registry;
  /** Long-poll wait (s); 20 in production, short in tests so stopping is quick. */
  waitTimeSeconds?: number;
  visibilityTimeoutSeconds?: number;
  /** Messages handled at once (several SQS batches in flight). */
  concurrency?: number;
}

/**
 * Consumes the `notifications` queue: each message is handed to the intake and
 * deleted only after the intake committed. A failure leaves it for SQS to
 * redeliver after the backoff; after the queue's maxReceiveCount it is parked
 * in `notifications-dlq` (malformed events end up there). Because the intake
 * is keyed by (event, recipient, channel), a message delivered twice — or
 * redelivered after a replica died before deleting it — changes nothing.
 */
export class NotificationEventsConsumer extends QueueConsumer {
  constructor(options: NotificationEventsConsumerOptions) {
    const { intake, logger } = options;
    const events = new Counter({
      name: 'notifier_events_total',
      help: 'Notification events handled, by kind and outcome (delivered, scheduled, duplicate, ignored, failed)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [options.registry],
    });
    super({
      sqs: options.sqs,
      queueUrl: options.queueUrl,
      logger,
      what: 'notification event',
      waitTimeSeconds: options.waitTimeSeconds,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
      // Several pollers share the queue: one SQS receive returns at most 10 messages.
      pollers: Math.ceil((options.concurrency ?? 10) / 10),
      handle: envelopeHandler(
        'notification event',
        async (envelope) => {
          if (envelope.type === EventTypes.tenantErased) {
            const tenantId = envelope.tenantId as TenantId;
            const rows = await options.db.inTenant(tenantId, (tx) =>
              eraseTenantRows(async (sql) => (await tx.query(sql)).rows, tenantId),
            );
            await reportErasure(options.sqs, 'notifier', tenantId);
            events.inc({ kind: envelope.type, outcome: 'delivered' });
            logger.info({ tenantId, rows }, 'team erased: its notifications, deliveries, devices and preferences');
            return;
          }
          if (envelope.type !== EventTypes.notificationRequested) {
            events.inc({ kind: envelope.type, outcome: 'ignored' });
            return;
          }
          try {
            const outcome = await intake.accept(envelope);
            events.inc({ kind: envelope.data.kind, outcome });
            logger.debug(
              { eventId: envelope.id, kind: envelope.data.kind, tenantId: envelope.tenantId, outcome },
              'event',
            );
          } catch (error) {
            events.inc({ kind: envelope.data.kind, outcome: 'failed' });
            throw error;
          }
        },
        () => events.inc({ kind: 'unknown', outcome: 'failed' }),
      ),
    });
  }
}
