import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RunResult } from '@pocdojo/common/contracts/kata-runs';

/** Publishes run results to the results queue, one JSON `RunResult` per message, grouped by dojo. */
export class ResultPublisher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  async publish(result: RunResult): Promise<void> {
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(result),
        MessageAttributes: {
          tenantId: { DataType: 'String', StringValue: result.tenantId },
          dojoId: { DataType: 'String', StringValue: result.dojoId },
        },
      }),
    );
  }
}
