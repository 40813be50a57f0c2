import type { Registry } from 'prom-client';
import { flushErrorReports } from './error-reporting.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetricsRegistry } from './metrics.ts';

/** What the kit hands a service's composition root. */
export interface ServiceKit<Config> {
  /** The validated environment (the service's `load<Service>Config`). */
  config: Config;
  /** pino JSON logs with the service's name on every line. */
  logger: Logger;
  /** The service's one Prometheus registry, served on METRICS_PORT by the composition root. */
  registry: Registry;
}

/** A started service: `stop()` drains it (stops taking work, finishes or hands back what it holds) and closes it. */
export interface RunningService {
  stop(): Promise<void>;
}

export interface ServiceDefinition<Config> {
  /** The service's name: its logger's and its metrics' `service` label. */
  name: string;
  /** Reads and validates the environment; throws naming each wrong variable (common/src/runtime/config.ts). */
  loadConfig(env: Record<string, string | undefined>): Config;
  /** The composition root: builds, starts and listens. */
  start(kit: ServiceKit<Config>): Promise<RunningService>;
  /** What a stop does, for the log line ("finishing running tests"). */
  draining?: string;
}

/**
 * Every service's `main`: logger, config, metrics registry, then the
 * composition root. SIGTERM or SIGINT stops it once — a second signal while it
 * drains is ignored, so Kubernetes' and the supervisor's repeats cannot cut a
 * drain short — and exits 0, or 1 when the stop failed. A failed start
 * (invalid config included) is logged as fatal, reported, and exits 1.
 */
export async function runService<Config>(definition: ServiceDefinition<Config>): Promise<void> {
  const { name } = definition;
  const logger = createLogger(name);
  let service: RunningService | undefined;
  /** A signal that came while the service was starting: it stops as soon as it has started. */
  let requested: string | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (!service) {
      requested ??= signal;
      return;
    }
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, definition.draining ? `stopping: ${definition.draining}` : 'stopping');
    try {
      await service.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean stop');
      await flushErrorReports();
      process.exit(1);
    }
  };
  // Before the start, so a signal during it (or right after its last log line) is never the default kill.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    const config = definition.loadConfig(process.env);
    service = await definition.start({ config, logger, registry: createMetricsRegistry(name) });
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    await flushErrorReports();
    process.exit(1);
  }
  if (requested) await stop(requested);
}
