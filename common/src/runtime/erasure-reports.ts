import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ErasureService } from '../contracts/tenant-erasure.ts';
import { queueUrl } from './aws.ts';

/**
 * Tells platform-api that `service` erased all it kept of `tenantId`, on
 * `erasure-reports` (resolved by name, like every queue of the services).
 */
export async function reportErasure(sqs: SQSClient, service: ErasureService, tenantId: string): Promise<void> {
  const envelope = {
    id: randomUUID(),
    type: 'tenant.erasure_reported',
    tenantId,
    occurredAt: new Date().toISOString(),
    data: { service },
  };
  await sqs.send(
    new SendMessageCommand({ QueueUrl: await queueUrl(sqs, 'erasure-reports'), MessageBody: JSON.stringify(envelope) }),
  );
}
