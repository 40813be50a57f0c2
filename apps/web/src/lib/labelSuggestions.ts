import { Languages } from '@pocdojo/common/contracts/languages';
import type { ApiClient } from '../api/ApiClient.ts';
import { searchPocs } from '../api/pocs.ts';
import { useResource } from './useResource.ts';

/** The languages and tags the team already uses, most used first (facets of an empty search). */
export function useTeamLabels(api: ApiClient): { languages: string[]; tags: string[] } {
  const facets = useResource(
    (signal) =>
      searchPocs(api, '', { languages: [], tags: [] }, signal).then(
        (result) => result.facets,
        () => ({ languages: {}, tags: {} }),
      ),
    [],
  );
  const byUse = (counts: Record<string, number> | undefined) =>
    Object.entries(counts ?? {})
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value]) => value);
  return { languages: byUse(facets.data?.languages), tags: byUse(facets.data?.tags) };
}

/** The team's languages first, then the rest of the catalogue, each spelling once. */
export function languageSuggestions(teamLanguages: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of [...teamLanguages, ...Languages.map((l) => l.name)]) {
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/**
 * Completions for a comma-separated field: "Go, Ru" → "Go, Rust", "Go, Ruby"…
 * (a datalist matches the whole value, so each option repeats what is typed
 * before the last comma). Labels already in the list are not suggested again.
 */
export function completions(text: string, candidates: string[], limit = 12): string[] {
  const cut = text.lastIndexOf(',');
  const head = cut < 0 ? '' : `${text.slice(0, cut + 1).trimEnd()} `;
  const typed = (cut < 0 ? text : text.slice(cut + 1)).trim().toLowerCase();
  const taken = new Set(
    text
      .split(',')
      .slice(0, -1)
      .map((s) => s.trim().toLowerCase()),
  );
  return candidates
    .filter((c) => !taken.has(c.toLowerCase()) && (typed === '' || c.toLowerCase().includes(typed)))
    .slice(0, limit)
    .map((c) => `${head}${c}`);
}
