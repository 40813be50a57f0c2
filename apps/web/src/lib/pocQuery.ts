import type { PocStatus } from '../api/types.ts';

/**
 * What the POC page shows, as it lives in the URL (`/pocs?q=go&language=Go&tag=k8s&status=done&owner=…`):
 * Back returns to the same search, and a search can be bookmarked or shared.
 * Language and tag filters may repeat (any of them matches).
 */
export interface PocQuery {
  q: string;
  languages: string[];
  tags: string[];
  status: PocStatus | '';
  owner: string;
}

export const emptyPocQuery: PocQuery = { q: '', languages: [], tags: [], status: '', owner: '' };

export function parsePocQuery(search: URLSearchParams): PocQuery {
  const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return {
    q: search.get('q') ?? '',
    languages: unique(search.getAll('language')),
    tags: unique(search.getAll('tag').map((t) => t.replace(/^#+/, ''))),
    status: (search.get('status') ?? '') as PocStatus | '',
    owner: search.get('owner') ?? '',
  };
}

export function pocQueryHref(query: PocQuery): string {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q.trim());
  for (const language of query.languages) params.append('language', language);
  for (const tag of query.tags) params.append('tag', tag);
  if (query.status) params.set('status', query.status);
  if (query.owner) params.set('owner', query.owner);
  const text = params.toString();
  return text ? `/pocs?${text}` : '/pocs';
}

/** True when some filter (not the words) narrows the results. */
export const hasFilters = (query: PocQuery) =>
  query.languages.length > 0 || query.tags.length > 0 || query.status !== '' || query.owner !== '';

/** The list endpoint takes one language and one tag; anything more goes through search (placeholder search). */
export const needsSearch = (query: PocQuery) =>
  query.q.trim() !== '' || query.languages.length > 1 || query.tags.length > 1;
