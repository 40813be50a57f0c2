import { setTimeout } from 'node:timers/promises';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { SearchEngine } from '../domain/search-engine.ts';
import { exportPocs } from './platform-export-client.ts';
import { type ReindexStats, reindex } from './reindex.ts';

export interface RecoverOptions {
  /** platform-api base URL and the internal secret (as for `npm run reindex`). */
  baseUrl: string;
  token: string;
  logger: Logger;
  /** Stops retrying (the service is stopping). */
  signal: AbortSignal;
  /** Waits between attempts, doubling from the first up to the last. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Refills an index that lost part of itself at open, from the platform's
 * export, in the background: the same reindex an operator would run, retried
 * with backoff until the platform answers (it may start after us). Safe next
 * to the live consumer, since the newer version always wins. Resolves with the
 * figures once done, or undefined when stopped first.
 */
export async function recoverIndex(engine: SearchEngine, options: RecoverOptions): Promise<ReindexStats | undefined> {
  let delay = options.firstDelayMs ?? 1000;
  for (let attempt = 1; !options.signal.aborted; attempt++) {
    try {
      options.logger.warn({ attempt }, 'rebuilding the search index from the platform export');
      const stats = await reindex(engine, exportPocs({ baseUrl: options.baseUrl, token: options.token }));
      options.logger.info(stats, 'search index rebuilt');
      return stats;
    } catch (error) {
      options.logger.warn({ err: error, attempt, retryInMs: delay }, 'rebuilding the search index failed; retrying');
      await setTimeout(delay, undefined, { signal: options.signal }).catch(() => {});
      delay = Math.min(delay * 2, options.maxDelayMs ?? 60_000);
    }
  }
  return undefined;
}
