import { S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * AWS client settings. In production leave `endpoint` unset (the SDK resolves
 * regional endpoints and credentials from the pod's IAM role); locally point it
 * at the fauxqs emulator.
 */
export interface AwsSettings {
  region: string;
  endpoint?: string;
}

export function awsSettingsFromEnv(env: Record<string, string | undefined> = process.env): AwsSettings {
  return { region: env.AWS_REGION ?? 'us-east-1', endpoint: env.AWS_ENDPOINT_URL || undefined };
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createSqsClient(settings: AwsSettings): SQSClient {
  return new SQSClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: localCredentials } : {}),
  });
}

export function createS3Client(settings: AwsSettings): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: localCredentials, forcePathStyle: true } : {}),
  });
}

/** Resolves a queue URL by name. */
export async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  const out = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  if (!out.QueueUrl) throw new Error(`queue ${name} has no URL`);
  return out.QueueUrl;
}

/**
 * Creates `name` and its dead-letter queue `${name}-dlq` (after `maxReceiveCount`
 * receives a message is parked there). Used against the emulator; in AWS the
 * queues come from infrastructure code. Idempotent.
 */
export async function ensureQueue(
  sqs: SQSClient,
  name: string,
  options: { maxReceiveCount?: number; visibilityTimeoutSeconds?: number } = {},
): Promise<string> {
  try {
    return await queueUrl(sqs, name);
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist) && (error as { name?: string }).name !== 'QueueDoesNotExist') throw error;
  }
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqAttrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const created = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqAttrs.Attributes?.QueueArn,
          maxReceiveCount: String(options.maxReceiveCount ?? 5),
        }),
      },
    }),
  );
  if (!created.QueueUrl) throw new Error(`queue ${name} was not created`);
  return created.QueueUrl;
}
