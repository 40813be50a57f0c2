/**
 * Seconds a failed job stays invisible before its next attempt: exponential
 * (base × 2^(attempt−1)), capped, and within SQS's 12-hour visibility limit.
 * `attempt` is the message's receive count (1 for the first delivery).
 */
export function retryDelaySeconds(attempt: number, baseSeconds: number, maxSeconds: number): number {
  const exponent = Math.max(0, Math.min(30, attempt - 1));
  return Math.min(maxSeconds, 43_200, Math.round(baseSeconds * 2 ** exponent));
}
