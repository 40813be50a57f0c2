import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { runRequestSchema } from '@pocdojo/common/contracts/kata-runs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import { traced } from '@pocdojo/common/runtime/spans';
import type { RunnerMetrics } from '../ops/runner-metrics.ts';
import type { TestRunner } from '../test-runner.ts';
import type { DeadLetters } from './dead-letters.ts';
import type { ResultPublisher } from './result-publisher.ts';

export interface RunConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  /** Runs at once: one sqs-consumer per slot, each holding one message, each slot its own sandbox uid. */
  concurrency: number;
  /** Longer than a run's wall limit, so a request is never received twice while it runs. */
  visibilityTimeoutSeconds: number;
  waitTimeSeconds: number;
  runner: TestRunner;
  publisher: ResultPublisher;
  deadLetters: DeadLetters;
  metrics: RunnerMetrics;
  logger: Logger;
}

/**
 * Consumes run requests. A request that is not JSON or not a valid `RunRequest` is parked in the DLQ at
 * once (it would fail the same way every time); a valid one always produces exactly one published result,
 * whatever its code does. Only a failure to publish leaves the message to come back, a few seconds later.
 */
export class RunConsumer {
  readonly #options: RunConsumerOptions;
  #consumer: QueueConsumer | undefined;

  constructor(options: RunConsumerOptions) {
    this.#options = options;
  }

  start(): void {
    const o = this.#options;
    this.#consumer = new QueueConsumer({
      sqs: o.sqs,
      queueUrl: o.queueUrl,
      logger: o.logger,
      what: 'run request',
      // One poller per slot, each holding one message, each slot its own sandbox uid.
      pollers: o.concurrency,
      batchSize: 1,
      visibilityTimeoutSeconds: o.visibilityTimeoutSeconds,
      waitTimeSeconds: o.waitTimeSeconds,
      messageSystemAttributeNames: ['SentTimestamp'],
      // Waits for the running test to finish on stop; the run's wall limit bounds it.
      stopMode: 'drain',
      // A result that could not be published: the run is repeated soon, while someone still waits for it.
      retryDelaySeconds: 2,
      handle: (message, slot) => this.#handle(message, slot),
    });
    this.#consumer.start();
  }

  async #handle(message: Message, slot: number): Promise<void> {
    const o = this.#options;
    const sent = Number(message.Attributes?.SentTimestamp);
    if (sent) o.metrics.queueLagSeconds.observe(Math.max(0, Date.now() - sent) / 1000);
    let body: unknown;
    try {
      body = JSON.parse(message.Body ?? '');
    } catch {
      await this.#poison(message, 'body is not JSON');
      return;
    }
    const parsed = runRequestSchema.safeParse(body);
    if (!parsed.success) {
      await this.#poison(message, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    const request = parsed.data;
    const log = o.logger.child({ runId: request.runId, tenantId: request.tenantId, dojoId: request.dojoId });
    o.metrics.inProgress.inc();
    const end = o.metrics.runSeconds.startTimer({ language: request.language });
    try {
      const result = await traced('kata run', { 'kata.language': request.language, 'kata.run_id': request.runId }, () =>
        o.runner.run(request, slot),
      );
      end();
      o.metrics.runs.inc({ language: result.language, colour: result.colour, reason: result.reason ?? '' });
      log.info(
        { language: result.language, colour: result.colour, reason: result.reason, durationMs: result.durationMs },
        'run finished',
      );
      await o.publisher.publish(result);
    } finally {
      o.metrics.inProgress.dec();
    }
  }

  async #poison(message: Message, reason: string): Promise<void> {
    this.#options.metrics.poison.inc();
    this.#options.logger.warn({ messageId: message.MessageId, reason }, 'invalid run request parked in the DLQ');
    await this.#options.deadLetters.park(message, reason);
  }

  /** Stops polling and waits for the running tests (bounded by their wall limit) and their results. */
  async stop(): Promise<void> {
    await this.#consumer?.stop();
    this.#consumer = undefined;
  }
}
