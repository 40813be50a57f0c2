import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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
 * In memory per process: with N replicas the effective limit is N× — acceptable
 * for these ceilings; a shared store (rate-limiter-flexible's Postgres/Redis
 * limiters have the same interface) can replace it without touching callers.
 */
export class AuthRateLimits {
  readonly #perClient: RateLimiterMemory;
  readonly #failures: RateLimiterMemory;
  readonly #delays: RateLimiterMemory;
  readonly #options: AuthRateLimitOptions;
  constructor(options: AuthRateLimitOptions) {
    this.#options = options;
    this.#perClient = new RateLimiterMemory({ points: options.perClientPerMinute, duration: 60, keyPrefix: 'ip' });
    this.#failures = new RateLimiterMemory({
      points: Number.MAX_SAFE_INTEGER,
      duration: FAILURE_MEMORY_SECONDS,
      keyPrefix: 'failures',
    });
    this.#delays = new RateLimiterMemory({ points: 1, duration: 1, keyPrefix: 'delay' });
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

/** A 429 `rate_limited` with Retry-After in whole seconds. */
export function tooMany(msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return problem('rate_limited', `Too many attempts; retry in ${seconds} s`, {
    headers: { 'Retry-After': String(seconds) },
  });
}
