import type { SQSClient } from '@aws-sdk/client-sqs';
import { EventTypes, parseEnvelope, type TypedEnvelope } from '@pocdojo/common/events';
import type { TenantId } from '@pocdojo/common/ids';
import type { Logger } from '@pocdojo/common/logger';
import { tracedHandler } from '@pocdojo/common/message-tracing';
import { retryBackoffSeconds } from '@pocdojo/common/sqs-backoff';
import { reportErasure } from '@pocdojo/common/tenant-erasure';
import { eraseTenantRows } from '@pocdojo/common/tenant-rows';
import { Counter, type Registry } from 'prom-client';
import { Consumer } from 'sqs-consumer';
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
 * redeliver after an exponential backoff; after the queue's maxReceiveCount it
 * is parked in `notifications-dlq` (malformed events end up there). Because the
 * intake is keyed by (event, recipient, channel), a message delivered twice —
 * or redelivered after a replica died before deleting it — changes nothing.
 */
export class NotificationEventsConsumer {
  readonly #consumers: Consumer[];
  readonly #logger: Logger;
  #lastError: Error | undefined;
  #stopping = false;

  constructor(options: NotificationEventsConsumerOptions) {
    const { intake, logger } = options;
    this.#logger = logger;
    const events = new Counter({
      name: 'notifier_events_total',
      help: 'Notification events handled, by kind and outcome (delivered, scheduled, duplicate, ignored, failed)',
      labelNames: ['kind', 'outcome'] as const,
      registers: [options.registry],
    });
    const handleMessage = async (message: { Body?: string; MessageId?: string }) => {
      let envelope: TypedEnvelope;
      try {
        envelope = parseEnvelope(message.Body ?? '');
      } catch (error) {
        events.inc({ kind: 'unknown', outcome: 'failed' });
        throw new Error(`malformed notification event ${message.MessageId}`, { cause: error });
      }
      if (envelope.type === EventTypes.tenantErased) {
        const tenantId = envelope.tenantId as TenantId;
        const rows = await options.db.inTenant(tenantId, (tx) =>
          eraseTenantRows(async (sql) => (await tx.query(sql)).rows, tenantId),
        );
        await reportErasure(options.sqs, 'notifier', tenantId);
        events.inc({ kind: envelope.type, outcome: 'delivered' });
        logger.info({ tenantId, rows }, 'team erased: its notifications, deliveries, devices and preferences');
        return message;
      }
      if (envelope.type !== EventTypes.notificationRequested) {
        events.inc({ kind: envelope.type, outcome: 'ignored' });
        return message;
      }
      try {
        const outcome = await intake.accept(envelope);
        events.inc({ kind: envelope.data.kind, outcome });
        logger.debug({ eventId: envelope.id, kind: envelope.data.kind, tenantId: envelope.tenantId, outcome }, 'event');
        return message;
      } catch (error) {
        events.inc({ kind: envelope.data.kind, outcome: 'failed' });
        throw error;
      }
    };
    // Several pollers share the queue: one SQS receive returns at most 10 messages.
    this.#consumers = Array.from({ length: Math.max(1, Math.ceil((options.concurrency ?? 10) / 10)) }, () => {
      const consumer = Consumer.create({
        queueUrl: options.queueUrl,
        sqs: options.sqs,
        batchSize: 10,
        waitTimeSeconds: options.waitTimeSeconds ?? 20,
        visibilityTimeout: options.visibilityTimeoutSeconds ?? 30,
        messageSystemAttributeNames: ['ApproximateReceiveCount'],
        terminateVisibilityTimeout: retryBackoffSeconds,
        handleMessage: tracedHandler(options.queueUrl, handleMessage),
      });
      consumer.on('processing_error', (error, message) => {
        this.#logger.warn(
          { err: error, messageId: message.MessageId, receives: message.Attributes?.ApproximateReceiveCount },
          'notification event failed; it will be retried, then dead-lettered',
        );
      });
      consumer.on('error', (error) => {
        if (this.#stopping && (error as { code?: string }).code === 'AbortError') return;
        this.#lastError = error;
        this.#logger.error({ err: error }, 'polling the notifications queue failed');
      });
      consumer.on('response_processed', () => {
        this.#lastError = undefined;
      });
      return consumer;
    });
  }

  start(): void {
    for (const consumer of this.#consumers) consumer.start();
  }

  /** Rejects while stopped or when the last poll failed (readiness). */
  async ready(): Promise<void> {
    if (!this.#consumers.every((c) => c.status.isRunning)) throw new Error('not running');
    if (this.#lastError) throw new Error(`last poll failed: ${this.#lastError.message}`);
  }

  /** Stops polling and waits (bounded) for the messages in hand. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      this.#consumers.map(
        (consumer) =>
          new Promise<void>((resolve) => {
            if (!consumer.status.isRunning) return resolve();
            const timer = setTimeout(resolve, 10_000);
            consumer.once('stopped', () => {
              clearTimeout(timer);
              resolve();
            });
            consumer.stop({ abort: true });
          }),
      ),
    );
  }
}
