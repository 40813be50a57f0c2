import { once } from 'node:events';
import { ServerError } from '@colyseus/core';
import type { Redis } from 'ioredis';

/**
 * Keeps one room per dojo across engine processes when Redis has forgotten the
 * room listings (a restart without persistence, a failover). The owner of a
 * live room stays subscribed to the room's IPC channel (`$<roomId>`; ioredis
 * resubscribes on reconnection), so before creating a room this process asks
 * Redis whether anybody listens there; if so, the room lives elsewhere and this
 * matchmaking call is refused as retryable (the owner restores its listing —
 * redis-recovery.ts — and the client's next attempt finds it). For a moment
 * after this process's own reconnection it also waits, so peers have their
 * subscriptions and listings back before it decides.
 */
export class RoomOwnershipGuard {
  readonly #redis: Redis;
  readonly #settleMs: number;
  #reconnectedAt = 0;

  constructor(redis: Redis, options: { settleMs?: number } = {}) {
    this.#redis = redis;
    this.#settleMs = options.settleMs ?? 2000;
    let lost = false;
    redis.on('close', () => {
      lost = true;
    });
    redis.on('ready', () => {
      if (lost) this.#reconnectedAt = Date.now();
      lost = false;
    });
  }

  /** Resolves when this process may create the room `roomId`; throws a retryable ServerError when another holds it. */
  async mayCreate(roomId: string): Promise<void> {
    // Disconnected: the check would wait in ioredis's offline queue and run the instant Redis is
    // back, before the owner has resubscribed. Wait for our reconnection, then the settle time.
    if (this.#redis.status !== 'ready') await once(this.#redis, 'ready');
    const wait = this.#reconnectedAt + this.#settleMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const [, listeners] = (await this.#redis.pubsub('NUMSUB', `$${roomId}`)) as [string, number];
    if (Number(listeners) > 0) {
      throw new ServerError(503, `room_elsewhere: dojo ${roomId} is open on another engine process; retry`);
    }
  }
}
