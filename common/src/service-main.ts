import type { Logger } from './logger.ts';

/**
 * A service's `main`: starts it, and on SIGTERM or SIGINT stops it once and
 * exits (1 when the stop was unclean); a failed start is logged as fatal.
 */
export async function runService(
  name: string,
  logger: Logger,
  start: () => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  try {
    const service = await start();
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      try {
        await service.stop();
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exitCode = 1;
  }
}
