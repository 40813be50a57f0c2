import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import type { Database } from '../db/database.ts';
import { suppressionsFrom } from './ses-feedback.ts';

/** Consumes SES bounce and complaint events and adds the addresses to `suppressed_addresses`. */
export class SesFeedbackConsumer extends QueueConsumer {
  constructor(options: { sqs: SQSClient; queueUrl: string; db: Database; logger: Logger; waitTimeSeconds?: number }) {
    const { db, logger } = options;
    super({
      sqs: options.sqs,
      queueUrl: options.queueUrl,
      logger,
      what: 'SES feedback message',
      waitTimeSeconds: options.waitTimeSeconds,
      handle: async (message) => {
        for (const s of suppressionsFrom(message.Body ?? '')) {
          await db.pool.query(
            `insert into suppressed_addresses (email, reason, detail) values ($1, $2, $3)
             on conflict (email) do nothing`,
            [s.email, s.reason, s.detail],
          );
          logger.info({ reason: s.reason }, 'address suppressed after SES feedback');
        }
      },
    });
  }
}
