import type { Message } from '@aws-sdk/client-sqs';

/** Retry delays for failed messages, sized against transient engine or network outages. */
export const BackoffDefaults = {
  /** Visibility timeout after the first failure, in seconds. */
  baseSeconds: 1,
  /** Upper bound, in seconds (SQS allows 12 hours; a poison message reaches the DLQ long before). */
  maxSeconds: 300,
} as const;

/** SQS's longest visibility timeout: 12 hours. */
const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Seconds a failed message stays invisible before its next attempt: exponential
 * (base × 2^(attempt−1)), capped at `maxSeconds` and at SQS's 12-hour limit.
 * `attempt` is the message's receive count (1 for the first delivery).
 */
export function retryDelaySeconds(attempt: number, baseSeconds: number, maxSeconds: number): number {
  const exponent = Math.max(0, Math.min(30, attempt - 1));
  return Math.min(maxSeconds, SQS_MAX_VISIBILITY_SECONDS, Math.round(baseSeconds * 2 ** exponent));
}

/**
 * {@link retryDelaySeconds} for sqs-consumer's `terminateVisibilityTimeout`: a batch
 * backs off by its most-received message. After the queue's `maxReceiveCount`
 * receives, SQS moves the message to the DLQ.
 */
export function retryBackoffSeconds(
  messages: Pick<Message, 'Attributes'>[],
  options: { baseSeconds: number; maxSeconds: number } = BackoffDefaults,
): number {
  const receives = Math.max(
    1,
    ...messages.map((m) => Number(m.Attributes?.ApproximateReceiveCount ?? 1)).filter(Number.isFinite),
  );
  return retryDelaySeconds(receives, options.baseSeconds, options.maxSeconds);
}
