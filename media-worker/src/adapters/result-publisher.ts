import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type EventData, EventTypes, encodeEnvelope } from '@pocdojo/common/contracts/events';

type ResultType = typeof EventTypes.mediaProgress | typeof EventTypes.mediaCompleted | typeof EventTypes.mediaFailed;

/**
 * Publishes job results to `media-results` as envelopes `{id, type, tenantId,
 * occurredAt, data}` with the type also in the `type` message attribute.
 */
export class ResultPublisher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  async publish<T extends ResultType>(type: T, tenantId: string, data: EventData[T]): Promise<void> {
    const envelope = { id: randomUUID(), type, tenantId, occurredAt: new Date().toISOString(), data };
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        // ASCII-only: a failure message quoting a member's name must not be refused by SQS.
        MessageBody: encodeEnvelope(envelope),
        MessageAttributes: { type: { DataType: 'String', StringValue: type } },
      }),
    );
  }

  progress(tenantId: string, data: EventData[typeof EventTypes.mediaProgress]): Promise<void> {
    return this.publish(EventTypes.mediaProgress, tenantId, data);
  }

  completed(tenantId: string, data: EventData[typeof EventTypes.mediaCompleted]): Promise<void> {
    return this.publish(EventTypes.mediaCompleted, tenantId, data);
  }

  failed(tenantId: string, data: EventData[typeof EventTypes.mediaFailed]): Promise<void> {
    return this.publish(EventTypes.mediaFailed, tenantId, data);
  }
}
