/**
 * `npm run reindex -w search-indexer`: rebuilds the search index from
 * platform-api's internal export, with a progress bar. Uses the engine the
 * environment selects (MEILI_HOST → Meilisearch, else the embedded engine in
 * SEARCH_DATA_DIR, which must not be in use by a running indexer).
 * Env: PLATFORM_API_URL, INTERNAL_TOKEN, SEARCH_DATA_DIR or MEILI_HOST/MEILI_API_KEY.
 */
import { createLogger } from '@pocdojo/common/runtime/logger';
import { Presets, SingleBar } from 'cli-progress';
import { openSearchEngine } from '../src/adapters/open-search-engine.ts';
import { loadSearchIndexerConfig } from '../src/config.ts';
import { exportPocs } from '../src/reindex/platform-export-client.ts';
import { reindex } from '../src/reindex/reindex.ts';

const PAGE_SIZE = 1000;
const logger = createLogger('search-indexer-reindex', process.env.LOG_LEVEL ?? 'warn');

try {
  const config = loadSearchIndexerConfig();
  const engine = await openSearchEngine(config, logger);
  const bar = new SingleBar(
    {
      format: 'reindex [{bar}] {value} POCs read | {upserted} written, {unchanged} unchanged | {duration}s',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  // The export has no total count: the bar's end moves one page ahead of what has been read.
  bar.start(PAGE_SIZE, 0, { upserted: 0, unchanged: 0 });
  try {
    const stats = await reindex(
      engine,
      exportPocs({ baseUrl: config.PLATFORM_API_URL, token: config.INTERNAL_TOKEN, pageSize: PAGE_SIZE }),
      (progress) => {
        bar.setTotal(progress.seen + PAGE_SIZE);
        bar.update(progress.seen, { upserted: progress.upserted, unchanged: progress.unchanged });
      },
    );
    bar.setTotal(stats.seen);
    bar.stop();
    console.log(
      `reindex done on the ${engine.kind} engine: ${stats.seen} POCs read, ${stats.upserted} written, ` +
        `${stats.unchanged} unchanged, ${stats.removed} removed`,
    );
  } finally {
    bar.stop();
    await engine.close();
  }
} catch (error) {
  console.error(`reindex failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
