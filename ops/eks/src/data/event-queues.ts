import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QueueNames } from '../services.ts';

/** Receives before a message is parked in its DLQ (matches common/src/runtime/aws.ts `ensureQueue`). */
export const maxReceiveCount = 5;

export type QueueKey = keyof typeof QueueNames;

/**
 * The three SQS queues of architecture §4, each with a dead-letter queue named
 * `${name}-dlq` (the same names `npm start` creates on the emulator), KMS
 * encryption with the data key and TLS-only access.
 */
export class EventQueues extends Construct {
  readonly queues: Record<QueueKey, sqs.Queue>;
  readonly deadLetterQueues: Record<QueueKey, sqs.Queue>;

  constructor(scope: Construct, id: string, props: { key: kms.IKey }) {
    super(scope, id);
    const queues = {} as Record<QueueKey, sqs.Queue>;
    const dlqs = {} as Record<QueueKey, sqs.Queue>;
    for (const [key, name] of Object.entries(QueueNames) as [QueueKey, string][]) {
      const common = {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: props.key,
        // Data keys are reused for 5 minutes so KMS is not called per message.
        dataKeyReuse: Duration.minutes(5),
        enforceSSL: true,
        removalPolicy: RemovalPolicy.RETAIN,
      };
      dlqs[key] = new sqs.Queue(this, `${key}Dlq`, {
        ...common,
        queueName: `${name}-dlq`,
        retentionPeriod: Duration.days(14),
      });
      queues[key] = new sqs.Queue(this, key, {
        ...common,
        queueName: name,
        retentionPeriod: Duration.days(4),
        // Longer than a video render holds a message between heartbeats (media-worker extends it).
        visibilityTimeout: Duration.minutes(5),
        receiveMessageWaitTime: Duration.seconds(20),
        deadLetterQueue: { queue: dlqs[key], maxReceiveCount },
      });
    }
    this.queues = queues;
    this.deadLetterQueues = dlqs;
  }
}
