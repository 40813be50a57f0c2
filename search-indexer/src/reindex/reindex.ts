import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { TenantId } from '@pocdojo/common/ids';
import type { IndexEntry, SearchEngine } from '../domain/search-engine.ts';

export interface ReindexStats {
  /** POCs read from the platform. */
  seen: number;
  /** Written because the index lacked them or held an older version. */
  upserted: number;
  /** Already indexed at the same or a newer version (the live consumer got there first). */
  unchanged: number;
  /** Indexed but no longer in the platform: deleted while their event was lost. */
  removed: number;
}

/**
 * Rebuilds the index from the platform's full export: writes every POC the
 * index lacks or holds at an older version, then removes (with a tombstone)
 * every live entry the export no longer contains. Runs against a live index:
 * the version rule keeps it safe next to the event consumer, and searches keep
 * working throughout. Pointed at an empty engine, it is the way to switch engines.
 */
export async function reindex(
  engine: SearchEngine,
  pages: AsyncIterable<SearchablePoc[]>,
  onProgress: (stats: ReindexStats) => void = () => {},
): Promise<ReindexStats> {
  const indexed = new Map<string, IndexEntry>();
  for await (const entry of engine.entries()) indexed.set(entry.id, entry);
  const stats: ReindexStats = { seen: 0, upserted: 0, unchanged: 0, removed: 0 };
  const seen = new Set<string>();
  for await (const page of pages) {
    const fresh = page.filter((poc) => {
      const current = indexed.get(poc.id);
      return current === undefined || current.version < poc.version;
    });
    const written = await engine.upsert(fresh);
    for (const poc of page) seen.add(poc.id);
    stats.seen += page.length;
    stats.upserted += written.length;
    stats.unchanged += page.length - written.length;
    onProgress({ ...stats });
  }
  for (const entry of indexed.values()) {
    if (entry.deleted || seen.has(entry.id)) continue;
    if (await engine.remove(entry.tenantId as TenantId, entry.id, entry.version)) stats.removed++;
  }
  onProgress({ ...stats });
  return stats;
}
