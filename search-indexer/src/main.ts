import { createLogger } from '@pocdojo/common/logger';
import { searchIndexerConfig } from './config.ts';
import { startSearchIndexer } from './search-indexer-service.ts';

const logger = createLogger('search-indexer');
try {
  const service = await startSearchIndexer(searchIndexerConfig(), logger);
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
  logger.fatal({ err: error }, 'search-indexer failed to start');
  process.exitCode = 1;
}
