import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export const JobOutcomes = {
  succeeded: 'succeeded',
  /** Another delivery of the same job had already produced the output. */
  duplicate: 'duplicate',
  /** Failed, back on the queue for another attempt. */
  retried: 'retried',
  /** Given up: media.failed sent, message parked in the DLQ. */
  failed: 'failed',
  /** Unreadable or invalid message, parked in the DLQ. */
  poison: 'poison',
  /** Shutdown came first: returned to the queue untouched. */
  handedBack: 'handed_back',
} as const;
export type JobOutcome = (typeof JobOutcomes)[keyof typeof JobOutcomes];
export type JobKind = 'report' | 'video' | 'personal_data' | 'unknown';

/** The worker's Prometheus metrics: jobs by kind and outcome, render seconds, queue lag, jobs running. */
export class WorkerMetrics {
  readonly jobs: Counter<'kind' | 'outcome'>;
  readonly renderSeconds: Histogram<'kind'>;
  readonly queueLagSeconds: Histogram;
  readonly inFlight: Gauge;

  constructor(registry: Registry) {
    this.jobs = new Counter({
      name: 'media_jobs_total',
      help: 'Media job deliveries by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    });
    this.renderSeconds = new Histogram({
      name: 'media_render_seconds',
      help: 'Time from start of a job to its uploaded output',
      labelNames: ['kind'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers: [registry],
    });
    this.queueLagSeconds = new Histogram({
      name: 'media_queue_lag_seconds',
      help: 'Time a job message waited in the queue before this receive (SQS SentTimestamp to now)',
      buckets: [0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    });
    this.inFlight = new Gauge({ name: 'media_jobs_in_flight', help: 'Jobs being rendered now', registers: [registry] });
  }

  count(kind: JobKind, outcome: JobOutcome): void {
    this.jobs.inc({ kind, outcome });
  }
}
