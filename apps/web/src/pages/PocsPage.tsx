import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { listPocs, type PocFilters, searchPocs } from '../api/pocs.ts';
import { type Member, type Poc, PocStatuses, type SearchResult } from '../api/types.ts';
import { FacetFilter } from '../components/FacetFilter.tsx';
import { Field } from '../components/Field.tsx';
import { InfiniteScroll } from '../components/InfiniteScroll.tsx';
import { PocCard } from '../components/PocCard.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useDebounced } from '../lib/useDebounced.ts';
import { useResource } from '../lib/useResource.ts';
import { Link } from '../router.tsx';

const toggle = (values: string[], value: string) =>
  values.includes(value) ? values.filter((v) => v !== value) : [...values, value];

/**
 * The POC registry: with an empty search box, the filtered list with infinite
 * scroll; typing switches to typo-tolerant search with facet counts.
 */
export function PocsPage() {
  const { api } = useServices();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<PocFilters>({});
  const [facets, setFacets] = useState<{ languages: string[]; tags: string[] }>({ languages: [], tags: [] });
  const debounced = useDebounced(query.trim(), 200);
  const members = useResource(
    (signal) => api.get<{ items: Member[] }>('/v1/members', { signal }).catch(() => ({ items: [] as Member[] })),
    [],
  );
  const memberName = (id: string) => members.data?.items.find((m) => m.id === id)?.name;

  // List mode: pages appended as the user scrolls.
  const [items, setItems] = useState<Poc[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [listBusy, setListBusy] = useState(false);
  const [listError, setListError] = useState<unknown>(null);

  const loadPage = useCallback(
    async (from: string | null, reset: boolean, signal?: AbortSignal) => {
      setListBusy(true);
      setListError(null);
      try {
        const page = await listPocs(api, filters, from, signal);
        setItems((current) => (reset ? page.items : [...current, ...page.items]));
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null);
      } catch (error) {
        if (!signal?.aborted) setListError(error);
      } finally {
        if (!signal?.aborted) setListBusy(false);
      }
    },
    [api, filters],
  );
  useEffect(() => {
    if (debounced) return;
    const controller = new AbortController();
    void loadPage(null, true, controller.signal);
    return () => controller.abort();
  }, [loadPage, debounced]);
  const more = useCallback(() => void loadPage(cursor, false), [loadPage, cursor]);

  // Search mode.
  const [results, setResults] = useState<SearchResult | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    if (!debounced) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    setSearching(true);
    searchPocs(api, debounced, facets, controller.signal).then(
      (found) => {
        setResults(found);
        setSearchError(null);
        setSearching(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSearchError(error);
        setSearching(false);
      },
    );
    return () => controller.abort();
  }, [api, debounced, facets]);

  const setFilter = (key: keyof PocFilters) => (event: { target: { value: string } }) =>
    setFilters({ ...filters, [key]: event.target.value || undefined });

  return (
    <section aria-labelledby="pocs-title" className="stack">
      <div className="page-head">
        <h1 id="pocs-title">Proofs of concept</h1>
        <Link to="/pocs/new" className="button">
          New POC
        </Link>
      </div>
      <search className="filters" aria-label="Find POCs">
        <Field
          label="Search"
          type="search"
          name="q"
          placeholder="Name, language, tag… typos are fine"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          autoComplete="off"
        />
        {!debounced && (
          <>
            <Field label="Language" name="language" value={filters.language ?? ''} onChange={setFilter('language')} />
            <Field label="Tag" name="tag" value={filters.tag ?? ''} onChange={setFilter('tag')} />
            <SelectField
              label="Status"
              name="status"
              value={filters.status ?? ''}
              onChange={setFilter('status')}
              options={[{ value: '', label: 'Any' }, ...PocStatuses.map((s) => ({ value: s, label: s }))]}
            />
            <SelectField
              label="Owner"
              name="owner"
              value={filters.owner ?? ''}
              onChange={setFilter('owner')}
              options={[
                { value: '', label: 'Anyone' },
                ...(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name })),
              ]}
            />
          </>
        )}
      </search>

      {debounced ? (
        <div className="search-layout">
          <aside aria-label="Search filters" className="facets">
            {results && (
              <>
                <FacetFilter
                  title="Languages"
                  counts={results.facets.languages}
                  selected={facets.languages}
                  onToggle={(v) => setFacets({ ...facets, languages: toggle(facets.languages, v) })}
                />
                <FacetFilter
                  title="Tags"
                  counts={results.facets.tags}
                  selected={facets.tags}
                  onToggle={(v) => setFacets({ ...facets, tags: toggle(facets.tags, v) })}
                />
              </>
            )}
          </aside>
          <div>
            <ProblemAlert error={searchError} />
            <p aria-live="polite" className="muted">
              {searching ? 'Searching…' : results ? `${results.total} result${results.total === 1 ? '' : 's'}` : ''}
            </p>
            <ul className="poc-list" aria-label="Search results">
              {results?.hits.map((hit) => (
                <PocCard key={hit.id} poc={hit} query={debounced} ownerName={hit.ownerId && memberName(hit.ownerId)} />
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <div>
          <ProblemAlert error={listError} />
          {!listBusy && items.length === 0 && !listError && (
            <p className="empty">
              No POCs yet. <Link to="/pocs/new">Register the first one</Link>.
            </p>
          )}
          <ul className="poc-list" aria-label="POCs">
            {items.map((poc) => (
              <PocCard key={poc.id} poc={poc} ownerName={memberName(poc.ownerId)} />
            ))}
          </ul>
          <InfiniteScroll onMore={more} busy={listBusy} hasMore={hasMore} />
        </div>
      )}
    </section>
  );
}
