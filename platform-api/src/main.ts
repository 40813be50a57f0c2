import { runService } from '@pocdojo/common/runtime/run-service';
import { loadPlatformApiConfig } from './config.ts';
import { startPlatformApi } from './platform-api.ts';

await runService({
  name: 'platform-api',
  loadConfig: loadPlatformApiConfig,
  draining: 'finishing requests in flight, then the relay and consumers',
  async start({ config, logger, registry }) {
    const api = await startPlatformApi(config, { logger, registry });
    return { stop: () => api.close() };
  },
});
