import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { problem } from '../errors.ts';

/**
 * Limits on authentication: attempts per client address, and failed attempts per
 * account (tenant + email), so a password can be neither sprayed nor brute-forced.
 * In memory per process: with N replicas the effective limit is N× — acceptable
 * for these ceilings; a shared store (rate-limiter-flexible's Postgres/Redis
 * limiters have the same interface) can replace it without touching callers.
 */
export class AuthRateLimits {
  readonly #perClient: RateLimiterMemory;
  readonly #failuresPerAccount: RateLimiterMemory;
  constructor(options: { perClientPerMinute: number; failuresPerAccountPer15Min: number }) {
    this.#perClient = new RateLimiterMemory({ points: options.perClientPerMinute, duration: 60, keyPrefix: 'ip' });
    this.#failuresPerAccount = new RateLimiterMemory({
      points: options.failuresPerAccountPer15Min,
      duration: 15 * 60,
      keyPrefix: 'account',
    });
  }

  /** Counts one attempt from `client`; throws 429 with Retry-After when over the limit. */
  async attempt(client: string): Promise<void> {
    await guard(() => this.#perClient.consume(client));
  }

  /** Throws 429 while `account` is locked out by too many failures. */
  async checkAccount(account: string): Promise<void> {
    const state = await this.#failuresPerAccount.get(account);
    if (state && state.remainingPoints <= 0) throw tooMany(state.msBeforeNext);
  }

  async recordFailure(account: string): Promise<void> {
    await this.#failuresPerAccount.penalty(account, 1);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.#failuresPerAccount.delete(account);
  }
}

async function guard(consume: () => Promise<unknown>): Promise<void> {
  try {
    await consume();
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
    throw error;
  }
}

function tooMany(msBeforeNext: number) {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return problem('rate_limited', `Too many attempts; retry in ${seconds} s`, {
    headers: { 'Retry-After': String(seconds) },
  });
}
