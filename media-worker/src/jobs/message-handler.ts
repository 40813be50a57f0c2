import type { Message } from '@aws-sdk/client-sqs';
import { EventTypes, parseEnvelope, type TypedEnvelope } from '@pocdojo/common/contracts/events';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { DeadLetterQueue } from '../adapters/dead-letter-queue.ts';
import type { ResultPublisher } from '../adapters/result-publisher.ts';
import { asJobError, MediaErrorCodes } from '../errors.ts';
import { JobOutcomes, type WorkerMetrics } from '../ops/worker-metrics.ts';
import { type JobEnvelope, type JobRunner, kindOf } from './job-runner.ts';
import { describeInvalid, salvageIds } from './poison.ts';

/** Thrown when shutdown interrupts a job: the message goes back to the queue at once. */
export class HandedBack extends Error {
  constructor() {
    super('worker shutting down: job handed back to the queue');
    this.name = 'HandedBack';
  }
}

export interface MessageHandlerDeps {
  runner: JobRunner;
  publisher: ResultPublisher;
  deadLetters: DeadLetterQueue;
  metrics: WorkerMetrics;
  logger: Logger;
  /** Receives after which a failing job is given up (the queue's maxReceiveCount). */
  maxReceives: number;
  /** What `tenant.erased` needs: the team's objects go, then platform-api is told. */
  erasure: { deletePrefix(prefix: string): Promise<number>; report(tenantId: string): Promise<void> };
}

/**
 * Decides what happens to one SQS message. Returns normally to acknowledge
 * (delete) it; throws to leave it on the queue, where the consumer sets the
 * retry delay. Every path ends in exactly one of: succeeded, duplicate, retried,
 * failed (media.failed + DLQ), poison (media.failed if a job id is readable + DLQ), handed back.
 */
export function createMessageHandler(deps: MessageHandlerDeps) {
  const { runner, publisher, deadLetters, metrics, logger } = deps;

  return async function handle(message: Message, signal: AbortSignal): Promise<void> {
    const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? '1') || 1;
    const sent = Number(message.Attributes?.SentTimestamp);
    if (Number.isFinite(sent) && sent > 0) metrics.queueLagSeconds.observe(Math.max(0, Date.now() - sent) / 1000);

    let envelope: TypedEnvelope;
    try {
      envelope = parseEnvelope(message.Body ?? '');
    } catch (error) {
      return poison(message, `${MediaErrorCodes.invalidMessage}: ${describeInvalid(error)}`);
    }
    if (envelope.type === EventTypes.tenantErased) {
      const objects = await deps.erasure.deletePrefix(`tenants/${envelope.tenantId}/`);
      await deps.erasure.report(envelope.tenantId);
      logger.info({ tenantId: envelope.tenantId, objects }, 'team erased: every object under its prefix');
      return;
    }
    if (
      envelope.type !== EventTypes.reportRequested &&
      envelope.type !== EventTypes.videoRequested &&
      envelope.type !== EventTypes.personalDataRequested
    ) {
      return poison(message, `${MediaErrorCodes.unsupportedType}: ${envelope.type} is not a media job`);
    }
    const job = envelope as JobEnvelope;
    const kind = kindOf(job);
    const log = logger.child({ jobId: job.data.jobId, tenantId: job.tenantId, kind, receiveCount });
    if (signal.aborted) {
      metrics.count(kind, JobOutcomes.handedBack);
      throw new HandedBack();
    }

    metrics.inFlight.inc();
    try {
      log.info('job started');
      const outcome = await runner.run(job, { receiveCount, signal });
      metrics.count(kind, outcome === 'duplicate' ? JobOutcomes.duplicate : JobOutcomes.succeeded);
      log.info({ outcome }, 'job finished');
    } catch (error) {
      if (signal.aborted) {
        metrics.count(kind, JobOutcomes.handedBack);
        log.warn('job interrupted by shutdown; handed back to the queue');
        throw new HandedBack();
      }
      const failure = asJobError(error);
      if (failure.code === MediaErrorCodes.tenantErased) {
        // Queued before the erasure: dropped without a result or a dead letter, which would keep the team's data.
        log.info('job of an erased team dropped');
        return;
      }
      if (failure.retryable && receiveCount < deps.maxReceives) {
        metrics.count(kind, JobOutcomes.retried);
        log.warn({ err: failure, code: failure.code }, 'job failed; will retry');
        throw failure;
      }
      metrics.count(kind, JobOutcomes.failed);
      log.error({ err: failure, code: failure.code }, 'job failed for good');
      await publisher.failed(job.tenantId, { jobId: job.data.jobId, error: failure.reason });
      await deadLetters.park(message, failure.reason);
    } finally {
      metrics.inFlight.dec();
    }
  };

  async function poison(message: Message, reason: string): Promise<void> {
    metrics.count('unknown', JobOutcomes.poison);
    const ids = salvageIds(message.Body);
    logger.error({ messageId: message.MessageId, reason, jobId: ids?.jobId }, 'poison message parked in the DLQ');
    if (ids) await publisher.failed(ids.tenantId, { jobId: ids.jobId, error: reason });
    await deadLetters.park(message, reason);
  }
}
