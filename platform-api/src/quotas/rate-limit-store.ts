import type { Logger } from '@pocdojo/common/runtime/logger';
import { Redis } from 'ioredis';

/**
 * The Redis every replica keeps its rate-limit counters in. A failed first
 * connection fails the start (a wrong REDIS_URL is a setup error); later
 * outages are logged and reconnected, and the limiters fall back to memory.
 */
export async function connectRateLimitStore(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command fast while disconnected: the limiter's in-memory insurance answers instead.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  redis.on('error', (error) => logger.warn({ err: error }, 'rate-limit store (redis) error'));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot connect to REDIS_URL: ${(error as Error).message}`, { cause: error });
  }
  return redis;
}
