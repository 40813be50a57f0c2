import { Redis } from 'ioredis';

/**
 * Commands the Redis server processed (INFO stats `total_commands_processed`):
 * sampled around the measured window, it shows what the engine processes send
 * through Redis while typing goes on — the scale-out target is nothing per
 * keystroke. Counts the whole server: give the benchmark a Redis of its own.
 */
export class RedisTraffic {
  readonly #url: string;

  constructor(url: string) {
    this.#url = url;
  }

  async commands(): Promise<number> {
    const redis = new Redis(this.#url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      const info = await redis.info('stats');
      const match = /total_commands_processed:(\d+)/.exec(info);
      return match ? Number(match[1]) : Number.NaN;
    } catch {
      return Number.NaN;
    } finally {
      redis.disconnect();
    }
  }
}
