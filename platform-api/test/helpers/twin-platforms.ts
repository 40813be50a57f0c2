import { randomUUID } from 'node:crypto';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { loadPlatformApiConfig } from '../../src/config.ts';
import { type PlatformApi, startPlatformApi } from '../../src/platform-api.ts';
import { startTestPlatform, TEST_LINK_SEALING_KEY, TEST_MFA_SECRET_KEY, type TestPlatform } from './platform.ts';

/** Two platform-api replicas on one database, one SQS/S3 emulator and one Redis (REDIS_URL), like two pods. */
export interface TwinPlatforms {
  first: TestPlatform;
  second: PlatformApi;
  close(): Promise<void>;
}

export async function startTwinPlatforms(env: Record<string, string> = {}): Promise<TwinPlatforms> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL must point at a Redis for the two-replica tests (npm test sets it)');
  // One prefix for both replicas, none shared with other test files on the same Redis.
  const shared = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `test-${randomUUID()}:`, ...env };
  const first = await startTestPlatform(shared);
  const config = first.api.deps.config;
  const second = await startPlatformApi(
    loadPlatformApiConfig({
      ...Object.fromEntries(
        Object.entries(config)
          .filter(([, value]) => value !== undefined)
          .map(([key, value]) => [key, String(value)]),
      ),
      // Parsed settings that are not plain strings, given again as the environment has them.
      LINK_SEALING_KEY: TEST_LINK_SEALING_KEY,
      MFA_SECRET_KEY: TEST_MFA_SECRET_KEY,
      MFA_SECRET_PREVIOUS_KEYS: '',
      PORT: '0',
      METRICS_PORT: '0',
      DATABASE_OWNER_URL: undefined,
    }),
    { logger: createLogger('platform-api-test-2', process.env.LOG_LEVEL ?? 'silent') },
  );
  return {
    first,
    second,
    async close() {
      await second.close();
      await first.close();
    },
  };
}
