import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The runner's Prometheus metrics: runs by language and light, run seconds, runs in progress, poison messages. */
export class RunnerMetrics {
  readonly runs: Counter<'language' | 'colour' | 'reason'>;
  readonly runSeconds: Histogram<'language'>;
  readonly queueLagSeconds: Histogram;
  readonly inProgress: Gauge;
  readonly poison: Counter;

  constructor(registry: Registry) {
    this.runs = new Counter({
      name: 'kata_runs_total',
      help: 'Test runs by language, traffic light and amber reason',
      labelNames: ['language', 'colour', 'reason'],
      registers: [registry],
    });
    this.runSeconds = new Histogram({
      name: 'kata_run_seconds',
      help: 'Time from the start of a run in the sandbox to its result',
      labelNames: ['language'],
      buckets: [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 30, 60],
      registers: [registry],
    });
    this.queueLagSeconds = new Histogram({
      name: 'kata_run_queue_lag_seconds',
      help: 'Time a run request waited in the queue before this receive (SQS SentTimestamp to now)',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    });
    this.inProgress = new Gauge({
      name: 'kata_runs_in_progress',
      help: 'Runs in a sandbox now',
      registers: [registry],
    });
    this.poison = new Counter({
      name: 'kata_run_requests_poison_total',
      help: 'Unreadable or invalid run requests parked in the dead-letter queue',
      registers: [registry],
    });
  }
}
