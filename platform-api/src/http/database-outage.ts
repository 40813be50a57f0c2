import type { Context, Next } from 'koa';
import { isDatabaseUnavailable, isTransientConflict } from '../db/database-unavailable.ts';
import { problem } from '../errors.ts';

/** Seconds a client should wait before retrying: a restart or failover takes a few. */
const RETRY_AFTER_SECONDS = 2;

/**
 * A deadlock or serialization failure is a 503 with Retry-After too: Postgres
 * rolled the transaction back, and the same request will pass when retried.
 *
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
      if (isTransientConflict(error)) {
        // Two requests locked each other (say, two admins changing each other's roles): Postgres undid one.
        throw problem('transaction_conflict', 'db.conflict', {
          headers: { 'Retry-After': '1' },
        });
      }
      if (!isDatabaseUnavailable(error)) throw error;
      throw problem('database_unavailable', 'db.unavailable', {
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      });
    }
  };
}
