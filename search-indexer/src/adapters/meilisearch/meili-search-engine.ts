import type { TenantId } from '@pocdojo/common/contracts/ids';
import { languageSynonyms } from '@pocdojo/common/contracts/languages';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { SearchResult } from '@pocdojo/common/contracts/search';
import { SearchLimits } from '@pocdojo/common/contracts/search';
import {
  hasMarks,
  MARK_CLOSE,
  MARK_OPEN,
  markersToHtml,
  stripMarkers,
} from '@pocdojo/common/contracts/search-highlight';
import type { PocStatus } from '@pocdojo/common/contracts/vocabularies';
import type { EnqueuedTaskPromise, Index } from 'meilisearch';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { IndexEntry, SearchEngine } from '../../domain/search-engine.ts';
import type { SearchQuery } from '../../domain/search-query.ts';
import { anyOf, equals, isIn } from './meili-filter.ts';

/** A stored document: the POC plus `deleted` (tombstones are documents with `deleted: true`). */
type MeiliDoc = Partial<SearchablePoc> & {
  id: string;
  tenantId: string;
  version: number;
  deleted: boolean;
  /** Epoch ms, on tombstones only (for pruning). */
  deletedAt?: number;
};

export interface MeiliEngineOptions {
  host: string;
  apiKey?: string;
  /** Index uid; `pocs` in production, a unique one per test run. */
  indexUid?: string;
  /** How long to wait for an indexing task before failing (the message is then retried). */
  taskTimeoutMs?: number;
}

const settings = {
  searchableAttributes: ['name', 'tags', 'languages', 'description'],
  // `id` is filterable so a conditional write can select its document.
  filterableAttributes: ['id', 'tenantId', 'languages', 'tags', 'ownerId', 'status', 'deleted', 'deletedAt'],
  sortableAttributes: ['createdAt', 'updatedAt', 'startedAt', 'finishedAt'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  pagination: { maxTotalHits: SearchLimits.maxWindow },
  faceting: { maxValuesPerFacet: 100 },
  // "golang" finds "Go", "csharp" finds "C#": the language catalogue's aliases (common/src/contracts/languages.ts).
  synonyms: languageSynonyms(),
};

/**
 * The version rule, run by Meilisearch inside the write task (a Rhai function
 * over each selected document): the stored document is replaced by the one in
 * `context.docs` only when that one is newer, or is a tombstone of the same
 * version. Tasks of one index run one at a time, so the check and the write
 * are one step whoever enqueued them. A document that did not exist yet is a
 * bare `{id}` placeholder (see #conditionalWrite), which has no version.
 */
const NEWER_WINS = `
let next = context.docs[doc.id];
if next != () {
  let older = doc.version == () || doc.version < next.version
    || (doc.version == next.version && next.deleted && doc.deleted != true);
  if older { doc = next; }
}`;

/**
 * The production engine. One index `pocs` for all tenants; every query carries
 * `tenantId = "<tenant>"` (and `deleted = false`) as filters the caller cannot
 * influence. Writes wait for their Meilisearch task, so an acknowledged SQS
 * message is really indexed.
 */
export class MeiliSearchEngine implements SearchEngine {
  readonly kind = 'meilisearch';
  /** Meilisearch keeps its own data: nothing is lost at open. */
  readonly needsRebuild = false;
  readonly #client: Meilisearch;
  readonly #index: Index<MeiliDoc>;
  readonly #taskTimeoutMs: number;

  private constructor(client: Meilisearch, indexUid: string, taskTimeoutMs: number) {
    this.#client = client;
    this.#index = client.index<MeiliDoc>(indexUid);
    this.#taskTimeoutMs = taskTimeoutMs;
  }

  /** Connects, creates the index if needed and applies the settings. */
  static async open(options: MeiliEngineOptions): Promise<MeiliSearchEngine> {
    const client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    const uid = options.indexUid ?? 'pocs';
    const engine = new MeiliSearchEngine(client, uid, options.taskTimeoutMs ?? 30_000);
    const created = await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: engine.#taskTimeoutMs });
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') {
      throw new Error(`Meilisearch: creating index ${uid} failed: ${created.error?.message ?? created.status}`);
    }
    // The conditional write (NEWER_WINS) needs Meilisearch's document edition by function.
    await client.updateExperimentalFeatures({ editDocumentsByFunction: true });
    await engine.#wait(engine.#index.updateSettings(settings), 'updating settings');
    return engine;
  }

  async versionOf(tenantId: TenantId, pocId: string): Promise<IndexEntry | undefined> {
    try {
      const doc = await this.#index.getDocument(pocId, { fields: ['tenantId', 'version', 'deleted'] });
      // A placeholder of a conditional write in flight has no tenant yet.
      if (doc.tenantId !== tenantId || typeof doc.version !== 'number') return undefined;
      return { tenantId, id: pocId, version: doc.version, deleted: doc.deleted };
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === 'document_not_found') return undefined;
      throw error;
    }
  }

  async upsert(pocs: SearchablePoc[]): Promise<string[]> {
    const docs = pocs.map((poc) => ({
      ...poc,
      name: stripMarkers(poc.name),
      description: stripMarkers(poc.description),
      deleted: false,
    }));
    return this.#conditionalWrite(docs, 'indexing documents');
  }

  async remove(tenantId: TenantId, pocId: string, version: number): Promise<boolean> {
    // The whole document is replaced: what remains is the tombstone.
    const tombstone = { id: pocId, tenantId, version, deleted: true, deletedAt: Date.now() };
    return (await this.#conditionalWrite([tombstone], 'deleting a document')).length > 0;
  }

  /**
   * Writes each document unless the index holds a newer version, with the check
   * inside Meilisearch's task (NEWER_WINS). First a partial update with just the
   * id creates a bare placeholder where there is no document (and leaves an
   * existing one as it is), so the function has something to select; the
   * placeholder has no tenant, so no query and no entry ever shows it. Returns
   * the ids whose stored version is now the one written.
   */
  async #conditionalWrite(docs: MeiliDoc[], what: string): Promise<string[]> {
    if (docs.length === 0) return [];
    const ids = docs.map((doc) => doc.id);
    await this.#wait(this.#index.updateDocuments(docs.map((doc) => ({ id: doc.id }) as MeiliDoc)), what);
    await this.#wait(
      this.#index.updateDocumentsByFunction({
        function: NEWER_WINS,
        filter: isIn('id', ids),
        context: { docs: Object.fromEntries(docs.map((doc) => [doc.id, doc])) },
      }),
      what,
    );
    const stored = await this.#index.getDocuments({
      filter: isIn('id', ids),
      fields: ['id', 'version', 'deleted'],
      limit: docs.length,
    });
    const byId = new Map(stored.results.map((doc) => [doc.id, doc]));
    return docs
      .filter((doc) => byId.get(doc.id)?.version === doc.version && byId.get(doc.id)?.deleted === doc.deleted)
      .map((doc) => doc.id);
  }

  async pruneTombstones(before: Date): Promise<undefined> {
    // deletedAt is a number, so the filter has no user input to escape.
    const filter = `deleted = true AND deletedAt < ${Math.floor(before.getTime())}`;
    await this.#wait(this.#index.deleteDocuments({ filter }), 'pruning tombstones');
    return undefined;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const placeholder = query.q.length === 0;
    const response = await this.#index.search(placeholder ? null : query.q, {
      filter: [
        equals('tenantId', query.tenantId),
        'deleted = false',
        ...anyOf('languages', query.languages),
        ...anyOf('tags', query.tags),
        ...anyOf('status', query.statuses ?? []),
        ...(query.ownerId === undefined ? [] : [equals('ownerId', query.ownerId)]),
      ],
      facets: ['languages', 'tags'],
      // `_formatted` only carries retrieved attributes, so the description is retrieved for its highlight.
      attributesToRetrieve: ['id', 'name', 'languages', 'tags', 'ownerId', 'status', 'description'],
      attributesToHighlight: ['name', 'description'],
      highlightPreTag: MARK_OPEN,
      highlightPostTag: MARK_CLOSE,
      matchingStrategy: 'all',
      ...(placeholder ? { sort: ['createdAt:desc'] } : {}),
      offset: query.offset,
      limit: query.limit,
    });
    const distribution = response.facetDistribution ?? {};
    return {
      hits: response.hits.map((hit) => {
        const name = String(hit._formatted?.name ?? hit.name ?? '');
        const description = String(hit._formatted?.description ?? '');
        return {
          id: hit.id,
          name: hit.name ?? '',
          languages: hit.languages ?? [],
          tags: hit.tags ?? [],
          ownerId: hit.ownerId ?? '',
          // Every indexed POC has a status; an empty one would only come from a document written by hand.
          status: hit.status ?? ('' as PocStatus),
          description: hit.description ?? '',
          highlight: {
            name: markersToHtml(name),
            ...(hasMarks(description) ? { description: markersToHtml(description) } : {}),
          },
        };
      }),
      facets: { languages: distribution.languages ?? {}, tags: distribution.tags ?? {} },
      total: response.estimatedTotalHits ?? response.hits.length,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  async *entries(): AsyncIterable<IndexEntry> {
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.#index.getDocuments({ fields: ['id', 'tenantId', 'version', 'deleted'], limit, offset });
      for (const doc of page.results) {
        if (typeof doc.version !== 'number' || !doc.tenantId) continue; // a placeholder (#conditionalWrite)
        yield { tenantId: doc.tenantId, id: doc.id, version: doc.version, deleted: doc.deleted };
      }
      if (page.results.length < limit) return;
    }
  }

  async removeTenant(tenantId: TenantId): Promise<void> {
    await this.#wait(this.#index.deleteDocuments({ filter: equals('tenantId', tenantId) }), 'removing a tenant');
  }

  async ping(): Promise<void> {
    await this.#client.health();
  }

  async close(): Promise<void> {}

  /** Deletes the index (test clean-up). */
  async drop(): Promise<void> {
    await this.#wait(this.#client.deleteIndex(this.#index.uid), 'deleting the index');
  }

  async #wait(task: EnqueuedTaskPromise, what: string): Promise<void> {
    const done = await task.waitTask({ timeout: this.#taskTimeoutMs });
    if (done.status !== 'succeeded') {
      throw new Error(`Meilisearch: ${what} failed: ${done.error?.message ?? done.status}`);
    }
  }
}
