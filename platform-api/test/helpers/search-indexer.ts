import { createLogger } from '@pocdojo/common/runtime/logger';
import { loadSearchIndexerConfig } from '../../../search-indexer/src/config.ts';
import { type RunningSearchIndexer, startSearchIndexer } from '../../../search-indexer/src/search-indexer.ts';
import type { ApiClient } from './client.ts';
import { INTERNAL_TOKEN, type TestPlatform } from './platform.ts';

/** A real search-indexer on `port`, consuming `platform`'s POC events (1 s long polls), its index in `dataDir`. */
export function startTestSearchIndexer(
  platform: TestPlatform,
  port: number,
  dataDir: string,
): Promise<RunningSearchIndexer> {
  return startSearchIndexer(
    loadSearchIndexerConfig({
      PORT: String(port),
      // Test files run side by side: metrics on a free port, not the default one.
      METRICS_PORT: '0',
      INTERNAL_TOKEN,
      AWS_ENDPOINT_URL: platform.api.deps.config.AWS_ENDPOINT_URL,
      SQS_WAIT_SECONDS: '1',
      SEARCH_DATA_DIR: dataDir,
      PLATFORM_API_URL: platform.url,
    }),
    createLogger('search-indexer-test', process.env.LOG_LEVEL ?? 'silent'),
  );
}

/** Searches until `done` accepts the answer (or 10 s pass) and returns the last reply. */
export async function searchUntil(client: ApiClient, query: string, done: (body: any) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await client.get(`/v1/pocs/search?${query}`);
    if (reply.status === 200 && done(reply.body)) return reply;
    if (Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 50));
  }
}
