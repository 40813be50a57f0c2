import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import { retryDelaySeconds } from '@pocdojo/common/runtime/sqs-backoff';
import { HandedBack } from './message-handler.ts';

export interface JobConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  /** Jobs processed at once: one sqs-consumer per slot, each holding one message. */
  concurrency: number;
  visibilityTimeoutSeconds: number;
  heartbeatSeconds: number;
  /** Long-poll wait; also bounds how long a stop waits for the last poll. */
  waitTimeSeconds: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  logger: Logger;
  handle(message: Message, signal: AbortSignal): Promise<void>;
}

/**
 * Bounded-concurrency consumption of the jobs queue with sqs-consumer.
 *
 * - One consumer per slot with batchSize 1, so a long video never holds a
 *   second message hostage the way a shared batch would.
 * - The heartbeat extends the visibility lease while a job runs.
 * - A failed attempt stays invisible for an exponential backoff
 *   (`terminateVisibilityTimeout`); a handed-back one returns at once.
 * - `stop(grace)` stops polling, lets running jobs finish within the grace,
 *   then aborts the rest and hands their messages back.
 */
export class JobConsumer {
  readonly #options: JobConsumerOptions;
  #queue: QueueConsumer | undefined;
  readonly #running = new Map<string, AbortController>();
  readonly #handedBack = new Set<string>();
  /** Slots whose consumer is running a job right now. */
  readonly #busy = new Set<number>();
  #stopping = new AbortController();

  constructor(options: JobConsumerOptions) {
    this.#options = options;
  }

  get running(): number {
    return this.#running.size;
  }

  start(): void {
    const o = this.#options;
    this.#stopping = new AbortController();
    this.#queue = new QueueConsumer({
      sqs: o.sqs,
      queueUrl: o.queueUrl,
      logger: o.logger,
      what: 'media job attempt',
      pollers: o.concurrency,
      batchSize: 1,
      visibilityTimeoutSeconds: o.visibilityTimeoutSeconds,
      heartbeatSeconds: o.heartbeatSeconds,
      waitTimeSeconds: o.waitTimeSeconds,
      messageSystemAttributeNames: ['SentTimestamp'],
      messageAttributeNames: ['All'],
      // A stop waits for the last poll and its job; the grace timer below bounds the job.
      stopMode: 'drain',
      retryDelaySeconds: (messages) => this.#retryDelay(messages[0]),
      // The message handler logs and reports each failed attempt; a hand-back is no failure.
      failureLevel: 'debug',
      isFailure: (error) => !(error instanceof HandedBack),
      handle: async (message, slot) => {
        this.#busy.add(slot);
        try {
          await this.#handle(message);
        } finally {
          this.#busy.delete(slot);
        }
      },
    });
    this.#queue.start();
  }

  async #handle(message: Message): Promise<void> {
    const id = message.MessageId ?? message.ReceiptHandle ?? String(Math.random());
    const controller = new AbortController();
    // A message received by the last poll after stop() is handed back untouched.
    if (this.#stopping.signal.aborted) controller.abort(new HandedBack());
    this.#running.set(id, controller);
    try {
      await this.#options.handle(message, controller.signal);
    } catch (error) {
      if (error instanceof HandedBack) this.#handedBack.add(id);
      throw error;
    } finally {
      this.#running.delete(id);
    }
  }

  #retryDelay(message: Message | undefined): number {
    const id = message?.MessageId ?? '';
    if (this.#handedBack.delete(id)) return 0;
    const attempt = Number(message?.Attributes?.ApproximateReceiveCount ?? '1') || 1;
    return retryDelaySeconds(attempt, this.#options.retryBaseSeconds, this.#options.retryMaxSeconds);
  }

  /**
   * Stops polling; running jobs get `graceMs` to finish, then are aborted and
   * handed back (visibility 0). Resolves when every consumer has stopped.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping.abort();
    const stoppedBySlot = this.#queue?.stopEach() ?? [];
    // Idle slots are left to finish their current long poll rather than
    // aborted: sqs-consumer's abort signal also cancels deletes, and a long
    // poll cancelled on the client can still take a message on the server,
    // hiding it for a whole visibility timeout.
    const idle = stoppedBySlot.filter((_, slot) => !this.#busy.has(slot));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    // Hand running jobs back only once no slot of ours polls any more, or one
    // of them would receive the handed-back message again at once.
    void Promise.all([graceOver, Promise.all(idle)]).then(() => {
      if (this.#running.size)
        this.#options.logger.warn({ running: this.#running.size }, 'grace period over: handing jobs back');
      for (const controller of this.#running.values()) controller.abort(new HandedBack());
    });
    try {
      await Promise.all(stoppedBySlot);
    } finally {
      clearTimeout(timer);
      this.#queue = undefined;
    }
  }
}
