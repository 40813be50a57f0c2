import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** The redrive settings of the jobs queue, as the worker found them at start. */
export interface RedriveSettings {
  deadLetterQueueUrl: string;
  maxReceiveCount: number;
}

/**
 * Reads the jobs queue's RedrivePolicy so the worker gives up on exactly the
 * receive the queue would, and parks poison messages in the same DLQ. Falls
 * back to `${queue}-dlq` and `fallbackMaxReceives` when the queue has no policy.
 */
export async function resolveRedrive(
  sqs: SQSClient,
  queueUrl: string,
  queueName: string,
  fallbackMaxReceives: number,
): Promise<RedriveSettings> {
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  const policy = attributes.Attributes?.RedrivePolicy;
  let dlqName = `${queueName}-dlq`;
  let maxReceiveCount = fallbackMaxReceives;
  if (policy) {
    const parsed = JSON.parse(policy) as { deadLetterTargetArn?: string; maxReceiveCount?: string | number };
    if (parsed.deadLetterTargetArn) dlqName = parsed.deadLetterTargetArn.split(':').at(-1) ?? dlqName;
    if (parsed.maxReceiveCount !== undefined) maxReceiveCount = Number(parsed.maxReceiveCount);
  }
  let dlqUrl: string | undefined;
  try {
    dlqUrl = (await sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }))).QueueUrl;
  } catch (error) {
    throw new Error(`dead-letter queue ${dlqName} of ${queueName} not found: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!dlqUrl) throw new Error(`dead-letter queue ${dlqName} of ${queueName} has no URL`);
  return { deadLetterQueueUrl: dlqUrl, maxReceiveCount };
}

/**
 * Parks a message in the dead-letter queue at once, with the reason in its
 * attributes. Used for poison messages and given-up jobs, where waiting for
 * the redrive policy would only repeat a failure that cannot change.
 */
export class DeadLetterQueue {
  readonly #sqs: SQSClient;
  readonly #url: string;

  constructor(sqs: SQSClient, url: string) {
    this.#sqs = sqs;
    this.#url = url;
  }

  async park(message: Message, reason: string): Promise<void> {
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#url,
        MessageBody: message.Body ?? '',
        MessageAttributes: {
          ...(message.MessageAttributes ?? {}),
          'dlq-reason': { DataType: 'String', StringValue: reason.slice(0, 1000) || 'unknown' },
          'source-message-id': { DataType: 'String', StringValue: message.MessageId ?? 'unknown' },
          'receive-count': { DataType: 'Number', StringValue: message.Attributes?.ApproximateReceiveCount ?? '1' },
        },
      }),
    );
  }
}
