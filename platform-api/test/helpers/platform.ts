import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Queues } from '@pocdojo/common/contracts/events';
import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createS3Client, createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { generateSigningKey } from '@pocdojo/common/runtime/tokens';
import { loadPlatformApiConfig, type PlatformApiConfig } from '../../src/config.ts';
import type { OutboxRelayOptions } from '../../src/domain/outbox-relay.ts';
import { type PlatformApi, startPlatformApi } from '../../src/platform-api.ts';

export const INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef';
/** LINK_SEALING_KEY of test platforms and notifiers (tests open sealed links from the outbox with it). */
export const TEST_LINK_SEALING_KEY = 'dGVzdC1saW5rLXNlYWxpbmcta2V5LTMyLWJ5dGVzISE';
/** MFA_SECRET_KEY of test platforms (32 bytes, base64url). */
export const TEST_MFA_SECRET_KEY = 'dGVzdC1tZmEtc2VjcmV0LWtleS0zMi1ieXRlcyEhISE';

export interface TestPlatform {
  api: PlatformApi;
  url: string;
  sqs: SQSClient;
  appUrl: string;
  ownerUrl: string;
  /** The SQS/S3 emulator's address (for other services joining the test). */
  awsEndpoint: string;
  queueUrls: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real platform-api on a free port: its own fresh Postgres database (migrated,
 * app connecting as a non-superuser role), the SQS/S3 emulator with the queues
 * and bucket, a new signing key.
 */
export async function startTestPlatform(
  env: Partial<Record<keyof PlatformApiConfig, string>> = {},
  options: { relay?: OutboxRelayOptions } = {},
): Promise<TestPlatform> {
  const db = await createTestDatabase('platform');
  const emulator = await startAwsEmulator();
  const sqs = createSqsClient(emulator.settings);
  const queueUrls: Record<string, string> = {};
  for (const name of Object.values(Queues)) queueUrls[name] = await ensureQueue(sqs, name, { maxReceiveCount: 5 });
  await createS3Client(emulator.settings).send(new CreateBucketCommand({ Bucket: 'pocdojo-test' }));
  const { privateJwk } = await generateSigningKey();
  const config = loadPlatformApiConfig({
    PORT: '0',
    METRICS_PORT: '0',
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    JWT_PRIVATE_JWK: JSON.stringify(privateJwk),
    INTERNAL_TOKEN,
    LINK_SEALING_KEY: TEST_LINK_SEALING_KEY,
    MFA_SECRET_KEY: TEST_MFA_SECRET_KEY,
    S3_BUCKET: 'pocdojo-test',
    AWS_ENDPOINT_URL: emulator.settings.endpoint,
    ...env,
  });
  const api = await startPlatformApi(config, {
    logger: createLogger('platform-api-test', process.env.LOG_LEVEL ?? 'silent'),
    ...options,
  });
  return {
    api,
    url: api.url,
    sqs,
    appUrl: db.appUrl,
    ownerUrl: db.ownerUrl,
    awsEndpoint: emulator.settings.endpoint ?? '',
    queueUrls,
    async close() {
      await api.close();
      await emulator.stop();
      await db.drop();
    },
  };
}
