import { runService } from '@pocdojo/common/runtime/run-service';
import { loadNotifierConfig } from './config.ts';
import { startNotifier } from './notifier.ts';

await runService({
  name: 'notifier',
  loadConfig: loadNotifierConfig,
  start: ({ config, logger, registry }) => startNotifier(config, logger, { registry }),
  draining: 'finishing the events and deliveries in hand',
});
