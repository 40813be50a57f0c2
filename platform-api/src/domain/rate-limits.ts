import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { problem } from '../errors.ts';

/** The login throttle's knobs. */
export interface AuthRateLimitOptions {
  /** Attempts per client address per minute on each authentication endpoint (signup, login, refresh). */
  perClientPerMinute: number;
  /** Wrong passwords for one account from one client before delays start. */
  freeFailures: number;
  /** The longest delay: 1 s after the first failure past the free ones, doubling up to this. */
  maxDelaySeconds: number;
}

/** How long a client's failures for an account are remembered after the last one. */
const FAILURE_MEMORY_SECONDS = 24 * 3600;

/**
 * Limits on authentication. Attempts are limited per client address; wrong
 * passwords are throttled per (account, client): after `freeFailures` of them,
 * that client must wait 1 s, then 2, 4… up to `maxDelaySeconds` before trying
 * that account again. There is no account-wide lock, so an attacker who knows
 * a user's email cannot lock the user out: the user's own client is throttled
 * only by its own failures, and a right password clears them.
 * With `redis` (REDIS_URL) the counters live in Redis, so the limits hold
 * across every replica; if Redis is unreachable each limiter falls back to its
 * in-memory insurance limiter (per replica) rather than refusing logins.
 * Without Redis (one local process) they live in memory.
 */
export class AuthRateLimits {
  readonly #perClient: RateLimiterAbstract;
  readonly #failures: RateLimiterAbstract;
  readonly #delays: RateLimiterAbstract;
  readonly #options: AuthRateLimitOptions;
  constructor(options: AuthRateLimitOptions, store: { redis?: Redis; keyPrefix?: string } = {}) {
    this.#options = options;
    const limiter = (limits: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract => {
      if (!store.redis) return new RateLimiterMemory(limits);
      return new RateLimiterRedis({
        ...limits,
        keyPrefix: `${store.keyPrefix ?? ''}${limits.keyPrefix}`,
        storeClient: store.redis,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(limits),
      });
    };
    this.#perClient = limiter({ points: options.perClientPerMinute, duration: 60, keyPrefix: 'ip' });
    this.#failures = limiter({
      points: Number.MAX_SAFE_INTEGER,
      duration: FAILURE_MEMORY_SECONDS,
      keyPrefix: 'failures',
    });
    this.#delays = limiter({ points: 1, duration: 1, keyPrefix: 'delay' });
  }

  /** Counts one attempt from `client`; throws 429 with Retry-After when over the limit. */
  async attempt(client: string): Promise<void> {
    try {
      await this.#perClient.consume(client);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
      throw error;
    }
  }

  /** Throws 429 while `client` must wait before trying `account` again. */
  async checkLogin(account: string, client: string): Promise<void> {
    const delay = await this.#delays.get(key(account, client));
    if (delay && delay.remainingPoints <= 0 && delay.msBeforeNext > 0) throw tooMany(delay.msBeforeNext);
  }

  /** Records a wrong password for `account` from `client`, and the delay it earns. */
  async recordFailure(account: string, client: string): Promise<void> {
    const failures = (await this.#failures.penalty(key(account, client), 1)).consumedPoints;
    const beyond = failures - this.#options.freeFailures;
    if (beyond <= 0) return;
    const seconds = Math.min(this.#options.maxDelaySeconds, 2 ** Math.min(beyond - 1, 30));
    await this.#delays.block(key(account, client), seconds);
  }

  /** A right password: this client's failures for this account are forgotten. */
  async recordSuccess(account: string, client: string): Promise<void> {
    await Promise.all([this.#failures.delete(key(account, client)), this.#delays.delete(key(account, client))]);
  }
}

const key = (account: string, client: string) => `${account}\u0000${client}`;

function tooMany(msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return problem('rate_limited', `Too many attempts; retry in ${seconds} s`, {
    headers: { 'Retry-After': String(seconds) },
  });
}
