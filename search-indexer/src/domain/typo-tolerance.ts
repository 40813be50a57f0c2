import { isAscii } from './text.ts';

/**
 * Meilisearch's default typo rules, for the embedded engine to follow:
 * a query word under 5 characters must match exactly, 5–8 characters allow
 * one typo, 9 or more allow two. Typos are Damerau-style: swapping two
 * adjacent letters is one typo (plain Levenshtein would count two), and a typo
 * on the first letter costs two, as in Meilisearch.
 */
export const TypoRules = {
  /** Minimum word length (in characters) for one typo. */
  oneTypo: 5,
  /** Minimum word length for two typos. */
  twoTypos: 9,
} as const;

/** How many typos a query word of this length tolerates. */
export function allowedTypos(term: string): number {
  const length = [...term].length;
  if (length >= TypoRules.twoTypos) return 2;
  if (length >= TypoRules.oneTypo) return 1;
  return 0;
}

/**
 * Optimal-string-alignment distance (insert, delete, substitute, swap of two
 * adjacent characters, each costing 1), plus 1 when the first characters
 * differ. Stops early and returns `limit + 1` once the distance must exceed `limit`.
 */
export function typoDistance(query: string, word: string, limit: number): number {
  // Code points, not UTF-16 units: an emoji or astral letter is one character, as for a user.
  const a = isAscii(query) ? query : [...query];
  const b = isAscii(word) ? word : [...word];
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const firstLetterPenalty = a[0] === b[0] ? 0 : 1;
  const budget = limit - firstLetterPenalty;
  if (budget < 0) return limit + 1;
  const d = osa(a, b, budget);
  return d > budget ? limit + 1 : d + firstLetterPenalty;
}

function osa(a: string | string[], b: string | string[], limit: number): number {
  const n = a.length;
  const m = b.length;
  let prevPrev = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let current = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, prevPrev[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[m];
}

/**
 * Typos needed for query word `query` to match document word `word`, or
 * `undefined` when it does not match. The last query word also matches as a
 * prefix (search as you type), at no typo cost.
 */
export function matchTypos(query: string, word: string, isLastWord: boolean): number | undefined {
  if (query === word) return 0;
  if (isLastWord && word.startsWith(query)) return 0;
  const allowed = allowedTypos(query);
  if (allowed === 0) return undefined;
  const distance = typoDistance(query, word, allowed);
  return distance <= allowed ? distance : undefined;
}
