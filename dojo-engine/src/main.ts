import { runService } from '@pocdojo/common/runtime/run-service';
import { loadDojoEngineConfig } from './config.ts';
import { startDojoEngine } from './dojo-engine.ts';

await runService({
  name: 'dojo-engine',
  loadConfig: loadDojoEngineConfig,
  start: startDojoEngine,
  draining: 'disposing rooms after their final save',
});
