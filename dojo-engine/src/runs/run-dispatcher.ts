import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RunRequest } from '@pocdojo/common/contracts/kata-runs';

/** Where the engine sends a test run (port): the kata runner's request queue in production, anything in unit tests. */
export interface RunDispatcher {
  send(request: RunRequest): Promise<void>;
}

/** Sends run requests to kata-runner's SQS queue. */
export class SqsRunDispatcher implements RunDispatcher {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  async send(request: RunRequest): Promise<void> {
    await this.#sqs.send(
      new SendMessageCommand({
        QueueUrl: this.#queueUrl,
        MessageBody: JSON.stringify(request),
        MessageAttributes: {
          tenantId: { DataType: 'String', StringValue: request.tenantId },
          dojoId: { DataType: 'String', StringValue: request.dojoId },
        },
      }),
    );
  }
}
