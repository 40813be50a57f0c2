import { flushErrorReports } from '@pocdojo/common/error-reporting';
import { createLogger } from '@pocdojo/common/logger';
import { platformConfig } from './config.ts';
import { startPlatformApi } from './server.ts';

const logger = createLogger('platform-api');
try {
  const api = await startPlatformApi(platformConfig(), { logger });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await api.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'platform-api failed to start');
  await flushErrorReports();
  process.exit(1);
}
