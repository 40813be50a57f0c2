import type { Logger } from './logger.ts';

/** The part of an sqs-consumer `Consumer` that starting and stopping it needs (no dependency on the package here). */
export interface StartableConsumer {
  // biome-ignore lint/suspicious/noExplicitAny: sqs-consumer passes the message and queue metadata after the error
  on(event: 'error' | 'processing_error', listener: (error: Error, ...details: any[]) => void): unknown;
  once(event: 'stopped', listener: () => void): unknown;
  start(): void;
  stop(options?: { abort?: boolean }): void;
}

/**
 * Starts an sqs-consumer and logs its failures: a processing error means the
 * message stays on the queue (redelivered, then dead-lettered); a consumer
 * error while stopping (the aborted long poll) is expected and not logged.
 * `stop()` resolves once the consumer has stopped.
 */
export function runQueueConsumer(consumer: StartableConsumer, logger: Logger, what: string): { stop(): Promise<void> } {
  let stopping = false;
  consumer.on('error', (error) => {
    if (!stopping) logger.warn({ err: error }, `${what} consumer error`);
  });
  consumer.on('processing_error', (error) => logger.warn({ err: error }, `${what} not handled; will retry`));
  consumer.start();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        consumer.once('stopped', () => resolve());
        consumer.stop({ abort: true });
      }),
  };
}
