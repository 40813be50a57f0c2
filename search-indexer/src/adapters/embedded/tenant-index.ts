import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { SearchFacets, SearchHit } from '@pocdojo/common/contracts/search';
import { SearchLimits } from '@pocdojo/common/contracts/search';
import { hasMarks, MARK_CLOSE, MARK_OPEN, markersToHtml } from '@pocdojo/common/contracts/search-highlight';
import type { AsPlainObject, Options as MiniSearchOptions, SearchResult as MiniSearchResult } from 'minisearch';
import MiniSearch from 'minisearch';
import type { IndexEntry } from '../../domain/search-engine.ts';
import type { SearchQuery } from '../../domain/search-query.ts';
import { foldTerm, indexTerm, terms, tokens } from '../../domain/text.ts';
import { allowedTypos, matchTypos } from '../../domain/typo-tolerance.ts';

/** Searchable fields in Meilisearch's attribute order: a match in `name` ranks above one in `tags`, and so on. */
const FIELDS = ['name', 'tags', 'languages', 'description'] as const;
type Field = (typeof FIELDS)[number];
const ATTRIBUTE_RANK: Record<string, number> = { name: 0, tags: 1, languages: 2, description: 3 };
/** BM25 boosts, only used to order hits that tie on typos and attribute. */
const BOOST: Record<Field, number> = { name: 8, tags: 4, languages: 2, description: 1 };

/** A deleted POC: `[pocId, version, deletedAt (epoch ms)]`. */
export type Tombstone = [string, number, number];

/** What is persisted per tenant: documents, tombstones and the MiniSearch index itself. */
export interface TenantSnapshot {
  docs: SearchablePoc[];
  /** `[pocId, version, deletedAt (epoch ms)]`. */
  tombstones: Tombstone[];
  /** MiniSearch's own serialisation: loading it is ~8× faster than re-indexing the documents. */
  index: AsPlainObject;
}

const indexOptions: MiniSearchOptions<SearchablePoc> = {
  fields: [...FIELDS],
  idField: 'id',
  tokenize: (text) => tokens(text).map((token) => token.text),
  processTerm: (term) => indexTerm(term) || null,
  extractField: (doc, field) => {
    const value = doc[field as keyof SearchablePoc];
    return Array.isArray(value) ? value.join(' ') : String(value ?? '');
  },
};

/** The matches of one query, before paging. */
export interface TenantMatches {
  total: number;
  facets: SearchFacets;
  hits: SearchHit[];
}

interface Ranked {
  doc: SearchablePoc;
  typos: number;
  attribute: number;
  score: number;
}

/**
 * One tenant's POCs: a MiniSearch index (one per tenant keeps every query
 * small: a global index with a tenant filter measured 20–100× slower), the
 * documents themselves, and the tombstones of deleted POCs.
 *
 * MiniSearch's fuzzy search is plain Levenshtein, which counts a swap of two
 * letters as two edits. So it is asked for twice the edits allowed (enough
 * for every typo to be a swap), and every candidate is then checked word by
 * word with {@link matchTypos}
 * (Damerau distance, Meilisearch's word-length rules); the same check yields
 * the typo count that ranks exact matches first.
 */
export class TenantIndex {
  readonly docs = new Map<string, SearchablePoc>();
  /** Deleted POCs: id → version and when it was deleted (for pruning). */
  readonly tombstones = new Map<string, { version: number; deletedAt: number }>();
  readonly #index: MiniSearch<SearchablePoc>;

  constructor(index: MiniSearch<SearchablePoc> = new MiniSearch(indexOptions)) {
    this.#index = index;
  }

  /** Rebuilds a tenant from its snapshot (throws when the serialised index is unreadable). */
  static restore(snapshot: TenantSnapshot): TenantIndex {
    const tenant = new TenantIndex(MiniSearch.loadJS(snapshot.index, indexOptions));
    for (const doc of snapshot.docs) tenant.docs.set(doc.id, doc);
    for (const [id, version, deletedAt] of snapshot.tombstones) tenant.tombstones.set(id, { version, deletedAt });
    if (tenant.#index.documentCount !== tenant.docs.size) {
      throw new Error(`index holds ${tenant.#index.documentCount} documents, the snapshot ${tenant.docs.size}`);
    }
    return tenant;
  }

  toSnapshot(): TenantSnapshot {
    const tombstones = [...this.tombstones].map(([id, t]): Tombstone => [id, t.version, t.deletedAt]);
    return { docs: [...this.docs.values()], tombstones, index: this.#index.toJSON() };
  }

  versionOf(id: string, tenantId: string): IndexEntry | undefined {
    const doc = this.docs.get(id);
    if (doc) return { tenantId, id, version: doc.version, deleted: false };
    const tombstone = this.tombstones.get(id);
    return tombstone === undefined ? undefined : { tenantId, id, version: tombstone.version, deleted: true };
  }

  upsert(poc: SearchablePoc): void {
    if (this.docs.has(poc.id)) this.#index.replace(poc);
    else this.#index.add(poc);
    this.docs.set(poc.id, poc);
    this.tombstones.delete(poc.id);
  }

  remove(id: string, version: number, deletedAt: number = Date.now()): void {
    if (this.docs.has(id)) this.#index.discard(id);
    this.docs.delete(id);
    this.tombstones.set(id, { version, deletedAt });
  }

  /** Drops tombstones deleted before `before` (epoch ms); returns how many. */
  pruneTombstones(before: number): number {
    let pruned = 0;
    for (const [id, tombstone] of this.tombstones) {
      if (tombstone.deletedAt < before) {
        this.tombstones.delete(id);
        pruned++;
      }
    }
    return pruned;
  }

  search(query: SearchQuery): TenantMatches {
    const words = terms(query.q).slice(0, SearchLimits.maxQueryWords);
    const languages = new Set(query.languages.map(foldTerm));
    const tags = new Set(query.tags.map(foldTerm));
    const statuses = new Set(query.statuses ?? []);
    const passes = (doc: SearchablePoc) =>
      (languages.size === 0 || doc.languages.some((l) => languages.has(foldTerm(l)))) &&
      (tags.size === 0 || doc.tags.some((t) => tags.has(foldTerm(t)))) &&
      (statuses.size === 0 || statuses.has(doc.status)) &&
      (query.ownerId === undefined || doc.ownerId === query.ownerId);

    const ranked = words.length === 0 ? this.#placeholder(passes) : this.#match(words, passes);
    const facets: SearchFacets = { languages: {}, tags: {} };
    for (const { doc } of ranked) {
      for (const language of new Set(doc.languages)) facets.languages[language] = (facets.languages[language] ?? 0) + 1;
      for (const tag of new Set(doc.tags)) facets.tags[tag] = (facets.tags[tag] ?? 0) + 1;
    }
    const page = ranked.slice(query.offset, query.offset + query.limit);
    return { total: ranked.length, facets, hits: page.map(({ doc }) => toHit(doc, words)) };
  }

  /** No words: every POC passing the filters, newest first (as the Meilisearch adapter sorts). */
  #placeholder(passes: (doc: SearchablePoc) => boolean): Ranked[] {
    const out: Ranked[] = [];
    for (const doc of this.docs.values()) if (passes(doc)) out.push({ doc, typos: 0, attribute: 0, score: 0 });
    return out.sort((a, b) => b.doc.createdAt.localeCompare(a.doc.createdAt) || a.doc.id.localeCompare(b.doc.id));
  }

  #match(words: string[], passes: (doc: SearchablePoc) => boolean): Ranked[] {
    const last = words.length - 1;
    const results = this.#index.search(words.join(' '), {
      combineWith: 'AND',
      boost: BOOST,
      prefix: (_term, i) => i === last,
      // Twice the typos allowed: each swap is one typo but two Levenshtein edits; see the class comment.
      fuzzy: (term) => {
        const allowed = allowedTypos(term);
        return allowed === 0 ? false : 2 * allowed;
      },
      filter: (result) => {
        const doc = this.docs.get(result.id as string);
        return doc !== undefined && passes(doc);
      },
    });
    const ranked: Ranked[] = [];
    for (const result of results) {
      const verdict = judge(words, result);
      if (verdict) ranked.push({ doc: this.docs.get(result.id as string)!, ...verdict, score: result.score });
    }
    // Meilisearch's ranking rules, in its order: typo, then attribute; BM25 breaks ties.
    return ranked.sort((a, b) => a.typos - b.typos || a.attribute - b.attribute || b.score - a.score);
  }
}

/** Checks that every query word matches some document word within the typo rules; returns typos and best attribute. */
function judge(words: string[], result: MiniSearchResult): { typos: number; attribute: number } | undefined {
  const last = words.length - 1;
  let typos = 0;
  let attribute: number = FIELDS.length;
  for (let i = 0; i < words.length; i++) {
    let best: number | undefined;
    for (const term of result.terms) {
      const cost = matchTypos(words[i], term, i === last);
      if (cost === undefined) continue;
      if (best === undefined || cost < best) best = cost;
      for (const field of result.match[term] ?? [])
        attribute = Math.min(attribute, ATTRIBUTE_RANK[field] ?? FIELDS.length);
    }
    if (best === undefined) return undefined;
    typos += best;
  }
  return { typos, attribute };
}

function toHit(doc: SearchablePoc, words: string[]): SearchHit {
  const name = highlight(doc.name, words);
  const description = highlight(doc.description, words);
  return {
    id: doc.id,
    name: doc.name,
    languages: doc.languages,
    tags: doc.tags,
    ownerId: doc.ownerId,
    status: doc.status,
    description: doc.description,
    highlight: {
      name: markersToHtml(name),
      ...(hasMarks(description) ? { description: markersToHtml(description) } : {}),
    },
  };
}

/** Wraps each word of `text` that matches a query word in markers (only the typed part of a prefix match). */
function highlight(text: string, words: string[]): string {
  if (words.length === 0) return text;
  const last = words.length - 1;
  let out = '';
  let cursor = 0;
  for (const token of tokens(text)) {
    const folded = indexTerm(token.text);
    let end: number | undefined;
    for (let i = 0; i < words.length && end === undefined; i++) {
      if (folded !== words[i] && i === last && folded.startsWith(words[i])) {
        // Mark the typed prefix when folding kept the length (no ligatures or decomposed letters), else the word.
        end = folded.length === token.text.length ? token.start + words[i].length : token.end;
      } else if (matchTypos(words[i], folded, false) !== undefined) {
        end = token.end;
      }
    }
    if (end === undefined) continue;
    out += `${text.slice(cursor, token.start)}${MARK_OPEN}${text.slice(token.start, end)}${MARK_CLOSE}`;
    cursor = end;
  }
  return out + text.slice(cursor);
}
