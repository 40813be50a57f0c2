import type { Message, MessageSystemAttributeName, SQSClient } from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import { parseEnvelope, type TypedEnvelope } from '../contracts/events.ts';
import type { Logger } from './logger.ts';
import { processMessage } from './message-tracing.ts';
import { retryBackoffSeconds } from './sqs-backoff.ts';

/** How a consumer polls, each option sized against what its handler does. */
export const QueueConsumerDefaults = {
  /** Messages per receive (SQS returns at most 10). */
  batchSize: 10,
  /** Independent pollers on the queue: each one's batch is handled while the others poll. */
  pollers: 1,
  /** Long-poll wait (s): 20 in production; tests pass a short one so stopping is quick. */
  waitTimeSeconds: 20,
  /** How long `stop()` waits for the messages in hand before giving up on them (they come back). */
  stopTimeoutMs: 10_000,
} as const;

export interface QueueConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  logger: Logger;
  /** What one message is, for log lines ("POC event"). */
  what: string;
  /**
   * Handles one message; throwing leaves it on the queue to come back after
   * `retryDelaySeconds` (then the DLQ). `slot` is the poller's index.
   */
  handle(message: Message, slot: number): Promise<void>;
  batchSize?: number;
  pollers?: number;
  waitTimeSeconds?: number;
  /** Seconds a received message stays hidden while it is handled; the queue's own when unset. */
  visibilityTimeoutSeconds?: number;
  /** Extends the visibility lease every this many seconds while a message is handled. */
  heartbeatSeconds?: number;
  /** Pause between polls (sqs-consumer's default when unset). */
  pollingWaitTimeMs?: number;
  /** Seconds a failed batch stays invisible; defaults to the exponential {@link retryBackoffSeconds}. */
  retryDelaySeconds?: number | ((messages: Message[]) => number);
  messageAttributeNames?: string[];
  /** System attributes to receive besides `ApproximateReceiveCount` (which the backoff reads). */
  messageSystemAttributeNames?: MessageSystemAttributeName[];
  /**
   * `'abort'` (default): `stop()` cancels the long poll in flight and waits at
   * most `stopTimeoutMs` for the messages in hand. `'drain'`: `stop()` lets the
   * last poll finish and waits for its messages however long they take (the
   * handler bounds them), so nothing received is left hidden for a whole
   * visibility timeout.
   */
  stopMode?: 'abort' | 'drain';
  stopTimeoutMs?: number;
  /** Logs a failed message at this level ('warn'); a handler that logs its own failures passes 'debug'. */
  failureLevel?: 'warn' | 'debug';
  /** Whether a failed message is logged at all (a deliberate hand-back is not a failure). */
  isFailure?: (error: Error) => boolean;
}

/**
 * The one SQS consumer of every service: sqs-consumer pollers over a queue,
 * each message handled in its own trace span, deleted only once handled; a
 * failure makes it visible again after the one exponential backoff and the
 * queue's redrive policy parks it in the DLQ after `maxReceiveCount` receives.
 * Readiness fails while it is stopped or its last poll failed.
 */
export class QueueConsumer {
  readonly #options: QueueConsumerOptions;
  readonly #consumers: Consumer[];
  #lastError: Error | undefined;
  #stopping = false;

  constructor(options: QueueConsumerOptions) {
    this.#options = options;
    const o = { ...QueueConsumerDefaults, ...options };
    const { logger } = options;
    const retry = options.retryDelaySeconds ?? retryBackoffSeconds;
    this.#consumers = Array.from({ length: Math.max(1, o.pollers) }, (_, slot) => {
      const consumer = Consumer.create({
        queueUrl: o.queueUrl,
        sqs: o.sqs,
        batchSize: o.batchSize,
        waitTimeSeconds: o.waitTimeSeconds,
        visibilityTimeout: o.visibilityTimeoutSeconds,
        heartbeatInterval: o.heartbeatSeconds,
        pollingWaitTimeMs: o.pollingWaitTimeMs,
        // A drained stop waits for the last poll and its messages; the handler bounds them.
        pollingCompleteWaitTimeMs: o.stopMode === 'drain' ? 24 * 3600 * 1000 : undefined,
        messageSystemAttributeNames: ['ApproximateReceiveCount', ...(o.messageSystemAttributeNames ?? [])],
        messageAttributeNames: o.messageAttributeNames,
        terminateVisibilityTimeout: retry,
        handleMessage: async (message) => {
          await processMessage(o.queueUrl, message, () => o.handle(message, slot));
          return message;
        },
      });
      consumer.on('processing_error', (error, message) => {
        if (options.isFailure && !options.isFailure(error)) return;
        logger[o.failureLevel ?? 'warn'](
          { err: error, messageId: message.MessageId, receives: message.Attributes?.ApproximateReceiveCount, slot },
          `${o.what} failed; it will be retried, then dead-lettered`,
        );
      });
      consumer.on('error', (error) => {
        // Stopping aborts the long poll in flight: expected, not an error.
        if (this.#stopping && (error as { code?: string }).code === 'AbortError') return;
        this.#lastError = error;
        logger.error({ err: error, slot }, `polling for ${o.what}s failed`);
      });
      consumer.on('response_processed', () => {
        this.#lastError = undefined;
      });
      return consumer;
    });
  }

  start(): void {
    this.#stopping = false;
    for (const consumer of this.#consumers) consumer.start();
  }

  /** Rejects while stopped or when the last poll failed (readiness). Bound: pass it around as a check. */
  readonly ready = async (): Promise<void> => {
    if (!this.#consumers.every((c) => c.status.isRunning)) throw new Error('not running');
    if (this.#lastError) throw new Error(`last poll failed: ${this.#lastError.message}`);
  };

  /** Stops polling and waits for the messages in hand (see `stopMode`). Bound, like `ready`. */
  readonly stop = async (): Promise<void> => {
    await Promise.all(this.stopEach());
  };

  /** Stops every poller; one promise per poller (by slot), settled once it has stopped. */
  stopEach(): Promise<void>[] {
    this.#stopping = true;
    const drain = this.#options.stopMode === 'drain';
    const timeoutMs = this.#options.stopTimeoutMs ?? QueueConsumerDefaults.stopTimeoutMs;
    return this.#consumers.map(
      (consumer) =>
        new Promise<void>((resolve) => {
          if (!consumer.status.isRunning) return resolve();
          const timer = drain ? undefined : setTimeout(resolve, timeoutMs);
          consumer.once('stopped', () => {
            clearTimeout(timer);
            resolve();
          });
          consumer.stop(drain ? undefined : { abort: true });
        }),
    );
  }
}

/**
 * A `handle` for queues of event envelopes (`{ id, type, tenantId, occurredAt, data }`):
 * parses each body, and throws naming the message when it is not one (so it ends in the DLQ).
 */
export function envelopeHandler(
  what: string,
  handle: (envelope: TypedEnvelope, message: Message) => Promise<void>,
  onMalformed?: (message: Message) => void,
): (message: Message) => Promise<void> {
  return async (message) => {
    let envelope: TypedEnvelope;
    try {
      envelope = parseEnvelope(message.Body ?? '');
    } catch (error) {
      onMalformed?.(message);
      throw new Error(`malformed ${what} ${message.MessageId}`, { cause: error });
    }
    await handle(envelope, message);
  };
}
