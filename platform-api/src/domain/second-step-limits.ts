import { RateLimiterMemory } from 'rate-limiter-flexible';
import { DomainError } from './domain-error.ts';

/** Wrong second-step codes one account may get within `WINDOW_SECONDS`, from any number of clients. */
const WRONG_CODES_PER_WINDOW = 5;
const WINDOW_SECONDS = 300;

/**
 * The second step's own limit, on top of the per-client attempt limit: only
 * someone who already knows the password gets here, so wrong codes are counted
 * per account whatever the client — five per five minutes puts a 6-digit code
 * out of reach of guessing (≈ 1 in 70 000 per hour), and the member, who has
 * the code, is not slowed down. In memory per process, like `AuthRateLimits`.
 */
export class SecondStepLimits {
  readonly #wrong = new RateLimiterMemory({
    points: WRONG_CODES_PER_WINDOW,
    duration: WINDOW_SECONDS,
    keyPrefix: 'mfa',
  });

  /** Throws 429 with Retry-After while `account` has used up its wrong codes. */
  async check(account: string): Promise<void> {
    const state = await this.#wrong.get(account);
    if (state && state.remainingPoints <= 0) {
      const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      throw new DomainError('rate_limited', 'rate.too_many', {
        values: { seconds },
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }

  async recordFailure(account: string): Promise<void> {
    await this.#wrong.penalty(account, 1);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.#wrong.delete(account);
  }
}
