import type { Context, Next } from 'koa';
import { isDatabaseUnavailable } from '../db/database-unavailable.ts';
import { problem } from '../errors.ts';

/** Seconds a client should wait before retrying: a restart or failover takes a few. */
const RETRY_AFTER_SECONDS = 2;

/**
 * A database that is restarting or failing over is a 503 with Retry-After, not
 * a 500: the request did nothing wrong and can be sent again. Transactions
 * that lost their connection rolled back, so retrying is safe for every route
 * except that a write may have committed just before the connection dropped —
 * a retried POST then creates a second POC, as with any lost answer.
 */
export function databaseOutage() {
  return async (_ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw problem('database_unavailable', 'The database is unavailable for a moment; retry shortly', {
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      });
    }
  };
}
