import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { Redis } from 'ioredis';
import { type ParticipantSeats, SEAT_LEASE_MS } from '../room/participant-seats.ts';

/**
 * Seats shared by every engine process: one sorted set per tenant, member =
 * seat, score = lease expiry (ms). Taking a seat is one Lua script, so two
 * processes admitting the last seat at once cannot both get it.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

export class RedisParticipantSeats implements ParticipantSeats {
  readonly #redis: Redis;
  readonly #leaseMs: number;
  constructor(redis: Redis, options: { leaseMs?: number } = {}) {
    this.#redis = redis;
    this.#leaseMs = options.leaseMs ?? SEAT_LEASE_MS;
  }

  async acquire(tenantId: TenantId, seat: string, limit: number): Promise<boolean> {
    const now = Date.now();
    const taken = await this.#redis.eval(
      ACQUIRE,
      1,
      key(tenantId),
      now,
      now + this.#leaseMs,
      seat,
      limit,
      this.#leaseMs,
    );
    return taken === 1;
  }

  async renew(tenantId: TenantId, seats: readonly string[]): Promise<void> {
    if (!seats.length) return;
    const expires = Date.now() + this.#leaseMs;
    await this.#redis
      .multi()
      .zadd(key(tenantId), ...seats.flatMap((seat) => [expires, seat]))
      .pexpire(key(tenantId), this.#leaseMs)
      .exec();
  }

  async release(tenantId: TenantId, seat: string): Promise<void> {
    await this.#redis.zrem(key(tenantId), seat);
  }

  async forgetTenant(tenantId: TenantId): Promise<void> {
    await this.#redis.del(key(tenantId));
  }
}

const key = (tenantId: string) => `dojo:seats:${tenantId}`;
