import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { listPocs, searchPocs } from '../api/pocs.ts';
import { type Member, type Poc, PocStatuses, type SearchResult } from '../api/types.ts';
import { FacetFilter } from '../components/FacetFilter.tsx';
import { Field } from '../components/Field.tsx';
import { InfiniteScroll } from '../components/InfiniteScroll.tsx';
import { PocCard } from '../components/PocCard.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { languageSuggestions, useTeamLabels } from '../lib/labelSuggestions.ts';
import { hasFilters, needsSearch, type PocQuery, parsePocQuery, pocQueryHref } from '../lib/pocQuery.ts';
import { statusLabels } from '../lib/pocStatusLabels.ts';
import { useDebounced } from '../lib/useDebounced.ts';
import { useResource } from '../lib/useResource.ts';
import { Link, navigate, useLocation } from '../router.tsx';

const toggle = (values: string[], value: string) =>
  values.some((v) => v.toLowerCase() === value.toLowerCase())
    ? values.filter((v) => v.toLowerCase() !== value.toLowerCase())
    : [...values, value];

/** Phones start with the extra filters folded, so the first screen shows POCs, not a form. */
const wideScreen = () => typeof window === 'undefined' || window.matchMedia('(min-width: 48rem)').matches;

/**
 * The POC registry. The words and every filter live in the URL, so Back and
 * bookmarks keep a search. With no words, the filtered list with infinite
 * scroll; with words (or several languages or tags), typo-tolerant search with
 * facet counts — the same filters apply either way, and the same cards show.
 */
export function PocsPage() {
  const { api } = useServices();
  const { t } = useMessages();
  const { search } = useLocation();
  const searchText = search.toString();
  const current = useMemo(() => parsePocQuery(new URLSearchParams(searchText)), [searchText]);
  const [text, setText] = useState(current.q);
  const debounced = useDebounced(text.trim(), 250);
  const written = useRef(current.q);

  // The URL changed under us (Back, a chip link): show its words.
  useEffect(() => {
    if (current.q !== written.current) {
      written.current = current.q;
      setText(current.q);
    }
  }, [current.q]);
  // Typing replaces the history entry (one Back leaves the search, not one letter).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only settled typing writes the URL
  useEffect(() => {
    if (debounced === current.q.trim()) return;
    written.current = debounced;
    navigate(pocQueryHref({ ...current, q: debounced }), { replace: true });
  }, [debounced]);

  /** A filter change is a new history entry, with the words as typed so far. */
  const change = (next: Partial<PocQuery>) => {
    const q = text.trim();
    written.current = q;
    navigate(pocQueryHref({ ...current, q, ...next }));
  };

  const members = useResource(
    (signal) => api.get<{ items: Member[] }>('/v1/members', { signal }).catch(() => ({ items: [] as Member[] })),
    [],
  );
  const memberName = (id: string | undefined) => members.data?.items.find((m) => m.id === id)?.name;
  const team = useTeamLabels(api);

  const searching = needsSearch(current);

  // List mode: pages appended as the user scrolls.
  const [items, setItems] = useState<Poc[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [listBusy, setListBusy] = useState(false);
  const [listError, setListError] = useState<unknown>(null);
  const listFilters = useMemo(
    () => ({
      language: current.languages[0],
      tag: current.tags[0],
      status: current.status || undefined,
      owner: current.owner || undefined,
    }),
    [current],
  );
  const loadPage = useCallback(
    async (from: string | null, reset: boolean, signal?: AbortSignal) => {
      setListBusy(true);
      setListError(null);
      try {
        const page = await listPocs(api, listFilters, from, signal);
        setItems((existing) => (reset ? page.items : [...existing, ...page.items]));
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null);
      } catch (error) {
        if (!signal?.aborted) setListError(error);
      } finally {
        if (!signal?.aborted) setListBusy(false);
      }
    },
    [api, listFilters],
  );
  useEffect(() => {
    if (searching) return;
    const controller = new AbortController();
    void loadPage(null, true, controller.signal);
    return () => controller.abort();
  }, [loadPage, searching]);
  const more = useCallback(() => void loadPage(cursor, false), [loadPage, cursor]);

  // Search mode.
  const [results, setResults] = useState<SearchResult | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [searchBusy, setSearchBusy] = useState(false);
  useEffect(() => {
    if (!searching) {
      setResults(null);
      return;
    }
    const controller = new AbortController();
    setSearchBusy(true);
    searchPocs(api, current.q, current, controller.signal).then(
      (found) => {
        setResults(found);
        setSearchError(null);
        setSearchBusy(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSearchError(error);
        setSearchBusy(false);
      },
    );
    return () => controller.abort();
  }, [api, current, searching]);

  const [wideOpen] = useState(wideScreen);
  const [language, setLanguage] = useState('');
  const [tag, setTag] = useState('');
  const addOnEnter = (kind: 'languages' | 'tags', value: string, clear: () => void) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const label = kind === 'tags' ? value.trim().replace(/^#+/, '') : value.trim();
    if (!label) return;
    clear();
    if (!current[kind].some((v) => v.toLowerCase() === label.toLowerCase()))
      change({ [kind]: [...current[kind], label] });
  };

  const active = [
    ...current.languages.map((v) => ({
      key: `l:${v}`,
      label: t('search.active.language', { value: v }),
      remove: () => change({ languages: current.languages.filter((x) => x !== v) }),
    })),
    ...current.tags.map((v) => ({
      key: `t:${v}`,
      label: t('search.active.tag', { value: v }),
      remove: () => change({ tags: current.tags.filter((x) => x !== v) }),
    })),
    ...(current.status
      ? [
          {
            key: 's',
            label: t('search.active.status', { value: t(statusLabels[current.status]) }),
            remove: () => change({ status: '' }),
          },
        ]
      : []),
    ...(current.owner
      ? [
          {
            key: 'o',
            label: t('search.active.owner', { value: memberName(current.owner) ?? t('search.active.someone') }),
            remove: () => change({ owner: '' }),
          },
        ]
      : []),
  ];
  const clearAll = () => change({ languages: [], tags: [], status: '', owner: '' });

  const busy = searching ? searchBusy : listBusy;
  const shown = searching ? (results?.hits.length ?? 0) : items.length;
  const nothingFound = !busy && shown === 0 && !(searching ? searchError : listError);

  return (
    <section aria-labelledby="pocs-title" className="stack">
      <div className="page-head">
        <h1 id="pocs-title">{t('poc.list.title')}</h1>
        <Link to="/pocs/new" className="button">
          {t('poc.list.new')}
        </Link>
      </div>
      <search className="filters" aria-label={t('search.region')}>
        <Field
          label={t('search.label')}
          type="search"
          name="q"
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
        />
        <details className="filters__more" open={wideOpen}>
          <summary className="filters__summary">{t('search.filters')}</summary>
          <div className="filters__fields">
            <Field
              label={t('search.language')}
              name="language"
              list="pocs-language-options"
              value={language}
              onChange={(e) => setLanguage(e.target.value)}
              onKeyDown={addOnEnter('languages', language, () => setLanguage(''))}
              hint={t('search.enter_adds')}
              autoComplete="off"
            />
            <datalist id="pocs-language-options">
              {languageSuggestions(team.languages).map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <Field
              label={t('search.tag')}
              name="tag"
              list="pocs-tag-options"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              onKeyDown={addOnEnter('tags', tag, () => setTag(''))}
              hint={t('search.enter_adds')}
              autoComplete="off"
            />
            <datalist id="pocs-tag-options">
              {team.tags.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            <SelectField
              label={t('search.status')}
              name="status"
              value={current.status}
              onChange={(e) => change({ status: e.target.value as PocQuery['status'] })}
              options={[
                { value: '', label: t('search.status_any') },
                ...PocStatuses.map((s) => ({ value: s, label: t(statusLabels[s]) })),
              ]}
            />
            <SelectField
              label={t('search.owner')}
              name="owner"
              value={current.owner}
              onChange={(e) => change({ owner: e.target.value })}
              options={[
                { value: '', label: t('search.owner_anyone') },
                ...(members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name })),
              ]}
            />
          </div>
        </details>
      </search>

      {active.length > 0 && (
        <section className="active-filters" aria-label={t('search.active.region')}>
          <ul className="chips">
            {active.map((filter) => (
              <li key={filter.key}>
                <button type="button" className="chip chip--removable" onClick={filter.remove}>
                  {filter.label}
                  <span aria-hidden="true"> ×</span>
                  <span className="visually-hidden"> {t('search.active.remove_hidden')}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button--ghost" onClick={clearAll}>
            {t('search.clear_all')}
          </button>
        </section>
      )}

      {searching ? (
        <div className="search-layout">
          <aside aria-label={t('search.facets')} className="facets">
            {results && (
              <>
                <FacetFilter
                  title={t('search.facet.languages')}
                  counts={results.facets.languages}
                  selected={current.languages}
                  onToggle={(v) => change({ languages: toggle(current.languages, v) })}
                />
                <FacetFilter
                  title={t('search.facet.tags')}
                  counts={results.facets.tags}
                  selected={current.tags}
                  onToggle={(v) => change({ tags: toggle(current.tags, v) })}
                />
              </>
            )}
          </aside>
          <div>
            <ProblemAlert error={searchError} />
            <p aria-live="polite" className="muted">
              {searchBusy ? t('search.searching') : results ? t('search.results_count', { count: results.total }) : ''}
            </p>
            <ul className="poc-list" aria-label={t('search.results')}>
              {results?.hits.map((hit) => (
                <PocCard key={hit.id} poc={hit} ownerName={memberName(hit.ownerId)} />
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <div>
          <ProblemAlert error={listError} />
          <ul className="poc-list" aria-label={t('poc.list.label')}>
            {items.map((poc) => (
              <PocCard key={poc.id} poc={poc} ownerName={memberName(poc.ownerId)} />
            ))}
          </ul>
          <InfiniteScroll onMore={more} busy={listBusy} hasMore={hasMore} />
        </div>
      )}

      {nothingFound &&
        (hasFilters(current) ? (
          <div className="empty" role="status">
            <p>
              {current.q ? t('search.none_query_with_filters', { query: current.q }) : t('search.none_with_filters')}{' '}
              {active.map((filter) => (
                <button key={filter.key} type="button" className="button button--ghost" onClick={filter.remove}>
                  {t('search.remove_filter', { filter: filter.label })}
                </button>
              ))}{' '}
              <button type="button" className="button" onClick={clearAll}>
                {t('search.clear_all')}
              </button>
            </p>
          </div>
        ) : current.q ? (
          <p className="empty" role="status">
            {t('search.none_query', { query: current.q })}
          </p>
        ) : (
          <p className="empty">
            {t('poc.list.empty')} <Link to="/pocs/new">{t('poc.list.register_first')}</Link>
          </p>
        ))}
    </section>
  );
}
