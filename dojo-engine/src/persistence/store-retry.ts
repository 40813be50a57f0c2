import type { Logger } from '@pocdojo/common/runtime/logger';
import pRetry from 'p-retry';

/**
 * True for failures of the database connection rather than of the statement:
 * the server restarting or failing over, a refused or dropped socket. Those
 * pass; a constraint or row-level-security violation does not.
 */
export function isTransientStoreError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    // Class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** How long a store call keeps trying through a database outage before its caller sees the error. */
export interface StoreRetryOptions {
  /** Give up after this long (ms). */
  maxRetryTimeMs: number;
  /** Longest pause between two attempts (ms). */
  maxDelayMs: number;
}

/** A join waits this long for Postgres to come back (a restart takes seconds) before it is refused. */
export const joinRetry: StoreRetryOptions = { maxRetryTimeMs: 20_000, maxDelayMs: 1000 };
/** A live room's own writes (history, room state, removals) keep trying for minutes: nothing is dropped. */
export const backgroundRetry: StoreRetryOptions = { maxRetryTimeMs: 10 * 60_000, maxDelayMs: 5000 };

/**
 * Runs a store call, retrying it with backoff while the failure is transient
 * (`isTransientStoreError`), so that a Postgres restart delays the engine's
 * work instead of failing a join or dropping a write.
 */
export function retryStore<T>(
  what: string,
  call: () => Promise<T>,
  logger: Logger,
  options: StoreRetryOptions = joinRetry,
): Promise<T> {
  return pRetry(call, {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 100,
    maxTimeout: options.maxDelayMs,
    maxRetryTime: options.maxRetryTimeMs,
    shouldRetry: ({ error }) => isTransientStoreError(error),
    onFailedAttempt: ({ error, attemptNumber }) => {
      if (isTransientStoreError(error)) logger.warn({ err: error, attemptNumber, what }, 'store unavailable, retrying');
    },
  });
}
