import type { Logger } from '@pocdojo/common/runtime/logger';
import type { ResultPublisher } from '../adapters/result-publisher.ts';

/** Smallest step worth a message; renders report many tiny steps. */
const MIN_STEP = 5;

/**
 * Sends `media.progress` for one job, throttled to steps of 5 points or a new
 * stage, one message at a time and in order. Progress is advisory: a failed
 * send is logged, never fails the job.
 */
export class ProgressReporter {
  readonly #publisher: ResultPublisher;
  readonly #tenantId: string;
  readonly #jobId: string;
  readonly #logger: Logger;
  #last = -1;
  #stage: string | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(publisher: ResultPublisher, tenantId: string, jobId: string, logger: Logger) {
    this.#publisher = publisher;
    this.#tenantId = tenantId;
    this.#jobId = jobId;
    this.#logger = logger;
  }

  /** Reports `percent` (0–100, rounded down) in `stage`; smaller steps in the same stage are dropped. */
  report(percent: number, stage: string): void {
    const progress = Math.max(0, Math.min(100, Math.floor(percent)));
    if (stage === this.#stage && progress - this.#last < MIN_STEP) return;
    if (progress < this.#last) return;
    this.#last = progress;
    this.#stage = stage;
    this.#chain = this.#chain.then(() =>
      this.#publisher.progress(this.#tenantId, { jobId: this.#jobId, progress, stage }).catch((error: unknown) => {
        this.#logger.warn({ err: error, jobId: this.#jobId }, 'progress message not sent');
      }),
    );
  }

  /** Resolves once every progress message queued so far has been sent (or given up). */
  flush(): Promise<void> {
    return this.#chain;
  }
}
