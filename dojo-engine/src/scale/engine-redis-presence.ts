import { RedisPresence } from '@colyseus/redis-presence';

/**
 * Drops a hash field that HINCRBY brought back to zero, and refreshes the key's expiry, as one step.
 * A missing field counts as zero, so nothing that reads the counter can tell the difference.
 */
const HINCRBY_DROPPING_ZERO = `
local value = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if value == 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return value`;

/** Drops each of the given fields that still reads "0" (a join may have counted it up since it was scanned). */
const HDEL_IF_ZERO = `
local dropped = 0
for _, field in ipairs(ARGV) do
  if redis.call('HGET', KEYS[1], field) == '0' then dropped = dropped + redis.call('HDEL', KEYS[1], field) end
end
return dropped`;

/** The hash of Colyseus's joinOrCreate counters for a room name (MatchMaker's getConcurrencyHashKey, not exported). */
export const joinCounterHash = (roomName: string) => `ch:${roomName}`;

/**
 * The engine's RedisPresence, with two fixes to the stock one.
 *
 * - Its counters go away at zero. Colyseus's joinOrCreate counts concurrent callers per filter
 *   (`dojoId:<id>` in hash `ch:dojo`) and takes the count back down when done. The field stays at "0",
 *   and the hash's expiry is renewed by every join, so on a busy service the hash grew by one field
 *   for every dojo ever opened. The same happened in one process with LocalPresence (EngineLocalPresence).
 * - shutdown() may be called twice: the Colyseus Server shuts presence down during its graceful
 *   shutdown, and the scale-out's close() does too when the Server never got that far. The stock
 *   shutdown() quits without a catch, so a second call would end the process with an unhandled rejection.
 */
export class EngineRedisPresence extends RedisPresence {
  #closed = false;

  override async hincrbyex(key: string, field: string, value: number, expireInSeconds: number): Promise<number> {
    return Number(await this.pub.eval(HINCRBY_DROPPING_ZERO, 1, key, field, value, expireInSeconds));
  }

  /**
   * Drops the counters that earlier versions left at "0" in `key` (at start: a busy service's hash never
   * expires). Returns how many were dropped.
   */
  async dropZeroCounters(key: string): Promise<number> {
    let dropped = 0;
    let cursor = '0';
    do {
      const [next, flat] = await this.pub.hscan(key, cursor, 'COUNT', 1000);
      cursor = next;
      // One round trip per page of the scan, not per field: a busy deployment's hash holds one per dojo.
      const fields = flat.flatMap((value, i) => (i % 2 === 1 && value === '0' ? [flat[i - 1]!] : []));
      if (fields.length > 0) dropped += Number(await this.pub.eval(HDEL_IF_ZERO, 1, key, ...fields));
    } while (cursor !== '0');
    return dropped;
  }

  override shutdown(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const connection of [this.sub, this.pub]) {
      if (connection.status !== 'end') connection.quit().catch(() => connection.disconnect());
    }
  }
}
