/**
 * SQLSTATEs and socket errors that mean "the database is not there right now"
 * (restarting, failing over, refusing connections) rather than "this statement
 * is wrong": connection exceptions (class 08), admin/crash shutdown and
 * cannot-connect-now (57P01–57P03), too many connections (53300).
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
/** What node-postgres says when a connection drops or cannot be had, without a code. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Connection ended|not queryable/i;

/** True when `error` (or an error it wraps) says the database cannot be reached, not that a query failed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++, current = current.cause as typeof current) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (UNAVAILABLE_CODES.has(code) || /^08/.test(code)) return true;
    if (typeof current.message === 'string' && UNAVAILABLE_MESSAGES.test(current.message)) return true;
  }
  return false;
}
