import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * Parks an unreadable run request in the requests queue's dead-letter queue (named by its RedrivePolicy,
 * else `${queue}-dlq`) at once, with the reason, rather than letting it be received again and again.
 */
export class DeadLetters {
  readonly #sqs: SQSClient;
  readonly #url: string;

  private constructor(sqs: SQSClient, url: string) {
    this.#sqs = sqs;
    this.#url = url;
  }

  static async of(sqs: SQSClient, queueUrl: string, queueName: string): Promise<DeadLetters> {
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
    );
    const policy = attributes.Attributes?.RedrivePolicy;
    const arn = policy ? (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn : undefined;
    const name = arn?.split(':').at(-1) ?? `${queueName}-dlq`;
    const url = (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
    if (!url) throw new Error(`dead-letter queue ${name} of ${queueName} has no URL`);
    return new DeadLetters(sqs, url);
  }

  async park(message: Message, reason: string): Promise<void> {
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#url,
        MessageBody: message.Body || '(empty)',
        MessageAttributes: {
          'dlq-reason': { DataType: 'String', StringValue: reason.slice(0, 1000) || 'unknown' },
          'source-message-id': { DataType: 'String', StringValue: message.MessageId ?? 'unknown' },
        },
      }),
    );
  }
}
