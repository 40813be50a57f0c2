import { LocalPresence } from '@colyseus/core';

/**
 * The engine's presence in one process (no REDIS_URL). It is LocalPresence, except that a hash counter
 * that comes back to zero is removed, as in EngineRedisPresence. Colyseus's joinOrCreate left a
 * `dojoId:<id>` field at "0" for every dojo ever opened. A 10,000-room churn showed the heap growing by
 * that string per room closed.
 */
export class EngineLocalPresence extends LocalPresence {
  override hincrbyex(key: string, field: string, incrBy: number, expireInSeconds: number): Promise<number> {
    const counted = super.hincrbyex(key, field, incrBy, expireInSeconds);
    // LocalPresence counts synchronously: nothing else can touch the field before this line.
    if (this.hash[key]?.[field] === '0') delete this.hash[key][field];
    return counted;
  }
}
