import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { DomainError } from './domain-error.ts';

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
 * only by its own failures, and a right password clears them. When a client
 * starts being delayed, the account's owner may be mailed (at most once per
 * `maxDelaySeconds` window) a link that clears every delay on the account:
 * the captcha-free way back in for a user who mistyped too often. The unlock
 * moves the account to a new epoch, part of every failure and delay key, so it
 * clears them on every replica without knowing which clients failed.
 * With `redis` (REDIS_URL) the counters live in Redis, so the limits hold
 * across every replica; if Redis is unreachable each limiter falls back to its
 * in-memory insurance limiter (per replica) rather than refusing logins.
 * Without Redis (one local process) they live in memory.
 */
export class AuthRateLimits {
  readonly #perClient: RateLimiterAbstract;
  readonly #failures: RateLimiterAbstract;
  readonly #delays: RateLimiterAbstract;
  readonly #unlockMails: RateLimiterAbstract;
  /** Unlocks per account: the account's epoch. */
  readonly #epochs: RateLimiterAbstract;
  readonly #options: AuthRateLimitOptions;
  readonly #store: { redis?: Redis; keyPrefix?: string };
  constructor(options: AuthRateLimitOptions, store: { redis?: Redis; keyPrefix?: string } = {}) {
    this.#options = options;
    this.#store = store;
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
    this.#unlockMails = limiter({ points: 1, duration: options.maxDelaySeconds, keyPrefix: 'unlock-mail' });
    this.#epochs = limiter({ points: Number.MAX_SAFE_INTEGER, duration: FAILURE_MEMORY_SECONDS, keyPrefix: 'unlocks' });
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
    const delay = await this.#delays.get(await this.#key(account, client));
    if (delay && delay.remainingPoints <= 0 && delay.msBeforeNext > 0) throw tooMany(delay.msBeforeNext);
  }

  /** Records a wrong password for `account` from `client`, and the delay it earns; true when delayed now. */
  async recordFailure(account: string, client: string): Promise<boolean> {
    const failureKey = await this.#key(account, client);
    const failures = (await this.#failures.penalty(failureKey, 1)).consumedPoints;
    const beyond = failures - this.#options.freeFailures;
    if (beyond <= 0) return false;
    const seconds = Math.min(this.#options.maxDelaySeconds, 2 ** Math.min(beyond - 1, 30));
    await this.#delays.block(failureKey, seconds);
    return true;
  }

  /** A right password: this client's failures for this account are forgotten. */
  async recordSuccess(account: string, client: string): Promise<void> {
    const failureKey = await this.#key(account, client);
    await Promise.all([this.#failures.delete(failureKey), this.#delays.delete(failureKey)]);
  }

  /** True at most once per window for `account`: whether to mail it an unlock link now. */
  async claimUnlockMail(account: string): Promise<boolean> {
    try {
      await this.#unlockMails.consume(account);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  }

  /** The unlock link was followed: every client's failures and delays for `account` are forgotten. */
  async unlock(account: string): Promise<void> {
    await this.#epochs.penalty(account, 1);
    await this.#unlockMails.delete(account);
  }

  /**
   * Forgets everything kept about these accounts (e-mails): failures, delays,
   * unlock mails and epochs, and their reset attempts — when their team is
   * erased. In Redis by key pattern (every epoch and client); the in-memory
   * limiters of a single process expire on their own within a day.
   */
  async forgetAccounts(accounts: readonly string[]): Promise<void> {
    const redis = this.#store.redis;
    if (!redis || !accounts.length) return;
    const prefix = globEscape(this.#store.keyPrefix ?? '');
    for (const account of accounts) {
      const name = globEscape(account);
      for (const pattern of [
        `${prefix}failures:${name}\u0000*`,
        `${prefix}delay:${name}\u0000*`,
        `${prefix}unlock-mail:${name}`,
        `${prefix}unlocks:${name}`,
        `${prefix}ip:reset:${name}`,
      ]) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      }
    }
  }

  /** The key of `client`'s failures and delay on `account`, in the account's current epoch. */
  async #key(account: string, client: string): Promise<string> {
    const epoch = (await this.#epochs.get(account))?.consumedPoints ?? 0;
    return `${account}\u0000${epoch}\u0000${client}`;
  }
}

/** `text` matched literally by a Redis glob pattern. */
const globEscape = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** A 429 `rate_limited` with Retry-After in whole seconds. */
export function tooMany(msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError('rate_limited', 'rate.too_many', {
    values: { seconds },
    headers: { 'Retry-After': String(seconds) },
  });
}
