import type { SearchRequest } from '@pocdojo/common/contracts/search';
import type { TenantId } from '@pocdojo/common/ids';

/** The search-indexer's internal query API, always scoped to one tenant. */
export interface SearchClient {
  search(tenantId: TenantId, query: SearchRequest): Promise<{ status: number; body: unknown }>;
}

/** HTTP client for `GET {SEARCH_URL}/internal/v1/search` with the internal token. */
export function httpSearchClient(baseUrl: string, internalToken: string, timeoutMs = 2000): SearchClient {
  return {
    async search(tenantId, query) {
      const url = new URL('/internal/v1/search', baseUrl);
      url.searchParams.set('tenantId', tenantId);
      url.searchParams.set('q', query.q);
      if (query.languages.length) url.searchParams.set('languages', query.languages.join(','));
      if (query.tags.length) url.searchParams.set('tags', query.tags.join(','));
      if (query.statuses?.length) url.searchParams.set('statuses', query.statuses.join(','));
      if (query.ownerId) url.searchParams.set('ownerId', query.ownerId);
      url.searchParams.set('limit', String(query.limit));
      url.searchParams.set('offset', String(query.offset));
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${internalToken}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, body: await response.json() };
    },
  };
}
