import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { SearchResult } from '@pocdojo/common/contracts/search';
import type { SearchQuery } from './search-query.ts';

/** What the index holds about one POC: its version, and whether it was deleted (a tombstone). */
export interface IndexEntry {
  tenantId: string;
  id: string;
  version: number;
  deleted: boolean;
}

/**
 * The search-engine port. Adapters: the embedded engine (MiniSearch, the
 * default) and Meilisearch. Both hold versions and tombstones next to the
 * documents, so the indexer's "newer version wins" rule survives restarts and
 * engine switches (reindex). The engine enforces that rule at write time, in
 * the same step as the write: several consumers (indexer replicas) writing
 * versions of one POC at once end with the newest, whatever the order.
 */
export interface SearchEngine {
  readonly kind: 'embedded' | 'meilisearch';
  /**
   * True when part of the index was lost at open (the embedded engine sets an
   * unreadable snapshot aside): a reindex from the platform refills it.
   */
  readonly needsRebuild: boolean;
  /** The version the index holds for a POC (live or tombstone), if any. */
  versionOf(tenantId: TenantId, pocId: string): Promise<IndexEntry | undefined>;
  /**
   * Inserts or replaces each POC unless the index holds that version or a newer
   * one of it (live or tombstone); returns the ids it wrote.
   */
  upsert(pocs: SearchablePoc[]): Promise<string[]>;
  /**
   * Removes a POC from results and records a tombstone at `version`, unless the
   * index holds a newer version (a tombstone wins a tie with a live document);
   * returns whether it did.
   */
  remove(tenantId: TenantId, pocId: string, version: number): Promise<boolean>;
  /** Answers a validated query, scoped to `query.tenantId` and nothing else. */
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * Forgets tombstones recorded before `before` (older than any event the
   * queue can still deliver); returns how many were dropped, when known.
   */
  pruneTombstones(before: Date): Promise<number | undefined>;
  /**
   * Forgets every document and tombstone of the tenant, its stored copy included
   * (its team was erased). Idempotent.
   */
  removeTenant(tenantId: TenantId): Promise<void>;
  /** Every entry, live and tombstones, across tenants (for reindex). */
  entries(): AsyncIterable<IndexEntry>;
  /** Rejects when the engine cannot serve (readiness). */
  ping(): Promise<void>;
  /** Flushes pending writes and releases resources. */
  close(): Promise<void>;
}
