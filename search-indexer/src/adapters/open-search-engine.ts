import type { Logger } from '@pocdojo/common/logger';
import type { SearchIndexerConfig } from '../config.ts';
import type { SearchEngine } from '../domain/search-engine.ts';
import { EmbeddedSearchEngine } from './embedded/embedded-search-engine.ts';
import { MeiliSearchEngine } from './meilisearch/meili-search-engine.ts';

/** The engine the environment asks for: Meilisearch when MEILI_HOST is set, else the embedded one. */
export async function openSearchEngine(
  config: Pick<SearchIndexerConfig, 'MEILI_HOST' | 'MEILI_API_KEY' | 'MEILI_INDEX' | 'SEARCH_DATA_DIR'>,
  logger: Logger,
): Promise<SearchEngine> {
  if (config.MEILI_HOST) {
    logger.info({ host: config.MEILI_HOST, index: config.MEILI_INDEX }, 'search engine: Meilisearch');
    return MeiliSearchEngine.open({
      host: config.MEILI_HOST,
      apiKey: config.MEILI_API_KEY,
      indexUid: config.MEILI_INDEX,
    });
  }
  logger.info({ dataDir: config.SEARCH_DATA_DIR }, 'search engine: embedded (MiniSearch)');
  return EmbeddedSearchEngine.open({ dataDir: config.SEARCH_DATA_DIR, logger });
}
