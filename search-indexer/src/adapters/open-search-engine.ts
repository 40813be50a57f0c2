import type { Logger } from '@pocdojo/common/runtime/logger';
import type { SearchIndexerConfig } from '../config.ts';
import type { SearchEngine } from '../domain/search-engine.ts';
import { exportPocs } from '../reindex/platform-export-client.ts';
import { reindex } from '../reindex/reindex.ts';
import { EmbeddedSearchEngine } from './embedded/embedded-search-engine.ts';
import { MeiliSearchEngine } from './meilisearch/meili-search-engine.ts';
import { ReplicatedSearchEngine } from './replicated-search-engine.ts';

/**
 * The engine the environment asks for: Meilisearch when MEILI_HOST is set (several hosts: one copy each,
 * fed together, a copy that fails rebuilt from the platform export), else the embedded one.
 */
export async function openSearchEngine(
  config: Pick<
    SearchIndexerConfig,
    'MEILI_HOST' | 'MEILI_API_KEY' | 'MEILI_INDEX' | 'SEARCH_DATA_DIR' | 'PLATFORM_API_URL' | 'INTERNAL_TOKEN'
  >,
  logger: Logger,
): Promise<SearchEngine> {
  if (config.MEILI_HOST) {
    const hosts = config.MEILI_HOST.split(',').map((host) => host.trim());
    logger.info({ hosts, index: config.MEILI_INDEX }, 'search engine: Meilisearch');
    const open = (host: string) =>
      MeiliSearchEngine.open({ host, apiKey: config.MEILI_API_KEY, indexUid: config.MEILI_INDEX });
    if (hosts.length === 1) return open(hosts[0]!);
    return ReplicatedSearchEngine.open(
      hosts.map((host) => ({ name: host, open: () => open(host) })),
      {
        logger,
        rebuild: (replica) =>
          reindex(replica, exportPocs({ baseUrl: config.PLATFORM_API_URL, token: config.INTERNAL_TOKEN })),
      },
    );
  }
  logger.info({ dataDir: config.SEARCH_DATA_DIR }, 'search engine: embedded (MiniSearch)');
  return EmbeddedSearchEngine.open({ dataDir: config.SEARCH_DATA_DIR, logger });
}
