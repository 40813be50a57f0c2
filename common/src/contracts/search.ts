import { z } from 'zod';
import { type PocStatus, PocStatuses } from './vocabularies.ts';

/**
 * The POC search: what a client may ask (`GET /v1/pocs/search`), what platform-api
 * forwards to search-indexer (`GET /internal/v1/search`, with the tenant), and the
 * answer both return unchanged. One set of limits, enforced by both services, each
 * sized against what a search box can legitimately send; where the two services
 * used to differ, the stricter value won.
 */
export const SearchLimits = {
  /** Characters of `q`; longer is a 400 (a search box never sends this much). */
  maxQueryLength: 200,
  /** Words of `q` that count, as in Meilisearch, which ignores words after the tenth. */
  maxQueryWords: 10,
  /** Values per facet filter. */
  maxFilterValues: 20,
  /** Characters of one filter value (a language or a tag). */
  maxFilterValueLength: 50,
  /** Page size. */
  defaultLimit: 20,
  maxLimit: 50,
  /** offset + limit; Meilisearch's default `maxTotalHits`, so both engines page the same way. */
  maxWindow: 1000,
  /** The last page's offset: the window less one largest page. */
  maxOffset: 950,
} as const;

/** A search within one tenant (the tenant travels beside it: the caller's, never the client's choice). */
export interface SearchRequest {
  /** Free text; empty means "everything in the tenant" (placeholder search). */
  q: string;
  /** Any of these languages (empty: no filter). */
  languages: string[];
  /** Any of these tags (empty: no filter). */
  tags: string[];
  /** Any of these statuses (empty or absent: no filter). */
  statuses?: PocStatus[];
  /** Only this member's POCs. */
  ownerId?: string;
  limit: number;
  offset: number;
}

/**
 * Highlighted fields of a hit: HTML-escaped text with the matched words wrapped
 * in `<mark>…</mark>` and no other markup (search-highlight.ts reads and writes it).
 */
export const searchHighlightSchema = z.object({
  name: z.string(),
  /** Present when the description contains a match. */
  description: z.string().optional(),
});
export type SearchHighlight = z.infer<typeof searchHighlightSchema>;

export const searchHitSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  languages: z.array(z.string()),
  tags: z.array(z.string()),
  ownerId: z.uuid(),
  /** The POC's status and description, so a hit shows the same card as the list. */
  status: z.enum(PocStatuses),
  description: z.string(),
  highlight: searchHighlightSchema,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** Counts of each facet value among all matching POCs (not just the page). */
export const searchFacetsSchema = z.object({
  languages: z.record(z.string(), z.number()),
  tags: z.record(z.string(), z.number()),
});
export type SearchFacets = z.infer<typeof searchFacetsSchema>;

export const searchResultSchema = z.object({
  hits: z.array(searchHitSchema),
  facets: searchFacetsSchema,
  /** Matching POCs in total (all pages). */
  total: z.number().int(),
  /** Time the engine took, in milliseconds. */
  tookMs: z.number(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
