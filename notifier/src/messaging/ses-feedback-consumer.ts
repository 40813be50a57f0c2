import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@pocdojo/common/logger';
import { retryBackoffSeconds } from '@pocdojo/common/sqs-backoff';
import { Consumer } from 'sqs-consumer';
import type { Database } from '../db/database.ts';
import { suppressionsFrom } from './ses-feedback.ts';

/** Consumes SES bounce and complaint events and adds the addresses to `suppressed_addresses`. */
export class SesFeedbackConsumer {
  readonly #consumer: Consumer;

  constructor(options: { sqs: SQSClient; queueUrl: string; db: Database; logger: Logger; waitTimeSeconds?: number }) {
    const { db, logger } = options;
    this.#consumer = Consumer.create({
      queueUrl: options.queueUrl,
      sqs: options.sqs,
      batchSize: 10,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      messageSystemAttributeNames: ['ApproximateReceiveCount'],
      terminateVisibilityTimeout: retryBackoffSeconds,
      handleMessage: async (message) => {
        const suppressions = suppressionsFrom(message.Body ?? '');
        for (const s of suppressions) {
          await db.pool.query(
            `insert into suppressed_addresses (email, reason, detail) values ($1, $2, $3)
             on conflict (email) do nothing`,
            [s.email, s.reason, s.detail],
          );
          logger.info({ reason: s.reason }, 'address suppressed after SES feedback');
        }
        return message;
      },
    });
    this.#consumer.on('error', (error) => logger.error({ err: error }, 'polling SES feedback failed'));
  }

  start(): void {
    this.#consumer.start();
  }

  stop(): void {
    this.#consumer.stop({ abort: true });
  }
}
