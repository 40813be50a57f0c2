import { createLogger } from '@pocdojo/common/logger';
import { runService } from '@pocdojo/common/service-main';
import { searchIndexerConfig } from './config.ts';
import { startSearchIndexer } from './search-indexer-service.ts';

const logger = createLogger('search-indexer');
await runService('search-indexer', logger, () => startSearchIndexer(searchIndexerConfig(), logger));
