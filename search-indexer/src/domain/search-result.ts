/** Highlighted fields of a hit: HTML-escaped text with matches wrapped in `<mark>…</mark>`. */
export interface Highlight {
  name: string;
  /** Present when the description contains a match. */
  description?: string;
}

export interface SearchHit {
  id: string;
  name: string;
  languages: string[];
  tags: string[];
  ownerId: string;
  /** The POC's status and description, so a hit shows the same card as the list. */
  status: string;
  description: string;
  highlight: Highlight;
}

/** Counts of each facet value among all matching POCs (not just the page). */
export interface Facets {
  languages: Record<string, number>;
  tags: Record<string, number>;
}

export interface SearchResult {
  hits: SearchHit[];
  facets: Facets;
  /** Matching POCs in total (all pages). */
  total: number;
  /** Time the engine took, in milliseconds. */
  tookMs: number;
}
