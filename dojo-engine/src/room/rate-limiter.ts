import type { Clock } from '../time/clock.ts';

/**
 * A token bucket per key: `burst` actions, refilled evenly over `windowMs`.
 * Used for chat, where a client may send a few messages quickly but not flood.
 */
export class RateLimiter {
  readonly #burst: number;
  readonly #refillPerMs: number;
  readonly #clock: Clock;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: { burst: number; windowMs: number; clock: Clock }) {
    this.#burst = options.burst;
    this.#refillPerMs = options.burst / options.windowMs;
    this.#clock = options.clock;
  }

  /** Takes a token for `key`; false when none is left. */
  take(key: string): boolean {
    const now = this.#clock.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#refillPerMs);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  forget(key: string): void {
    this.#buckets.delete(key);
  }
}
