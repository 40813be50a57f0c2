import type { Message } from '@aws-sdk/client-sqs';

/** Retry delays for failed messages, sized against transient engine or network outages. */
export const BackoffDefaults = {
  /** Visibility timeout after the first failure, in seconds. */
  baseSeconds: 1,
  /** Upper bound, in seconds (SQS allows 12 hours; a poison message reaches the DLQ long before). */
  maxSeconds: 300,
} as const;

/**
 * Exponential backoff for sqs-consumer's `terminateVisibilityTimeout`: a message
 * received for the n-th time becomes visible again after base·2^(n-1) seconds.
 * After the queue's `maxReceiveCount` receives, SQS moves it to the DLQ.
 */
export function retryBackoffSeconds(messages: Message[], options: typeof BackoffDefaults = BackoffDefaults): number {
  const receives = Math.max(
    1,
    ...messages.map((m) => Number(m.Attributes?.ApproximateReceiveCount ?? 1)).filter(Number.isFinite),
  );
  return Math.min(options.maxSeconds, options.baseSeconds * 2 ** (receives - 1));
}
