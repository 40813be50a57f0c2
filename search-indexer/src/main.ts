import { runService } from '@pocdojo/common/runtime/run-service';
import { loadSearchIndexerConfig } from './config.ts';
import { startSearchIndexer } from './search-indexer.ts';

await runService({
  name: 'search-indexer',
  loadConfig: loadSearchIndexerConfig,
  start: ({ config, logger, registry }) => startSearchIndexer(config, logger, registry),
  draining: 'finishing the events in hand, then saving the index',
});
