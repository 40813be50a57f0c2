/**
 * Client-side match highlighting that follows the search's typo rules
 * (architecture §6: 1 typo from 5 letters, 2 from 9, prefix on the last word),
 * so a misspelled query still lights up the words it found. Rendering marks
 * ourselves keeps server-provided HTML out of the page.
 */
export function allowedTypos(term: string): number {
  if (term.length >= 9) return 2;
  if (term.length >= 5) return 1;
  return 0;
}

/** Optimal string alignment distance (a swap of two neighbours counts as one typo), capped at max+1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) rows[i]![j] = i === 0 ? j : 0;
  }
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

export const queryTerms = (query: string): string[] =>
  query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Whether `word` of a result matches one of the query's terms. */
export function wordMatches(word: string, terms: string[]): boolean {
  const lower = word.toLowerCase();
  return terms.some((term, index) => {
    const isLast = index === terms.length - 1;
    if (isLast && lower.startsWith(term)) return true;
    const typos = allowedTypos(term);
    if (editDistance(lower, term, typos) <= typos) return true;
    // The last term is a prefix: compare it with the word's beginning too.
    return isLast && lower.length > term.length && editDistance(lower.slice(0, term.length), term, typos) <= typos;
  });
}

/** Splits `text` into runs, marking words that match the query. */
export function highlightRuns(text: string, query: string): Array<{ text: string; match: boolean }> {
  const terms = queryTerms(query);
  if (terms.length === 0) return [{ text, match: false }];
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .filter((part) => part !== '')
    .map((part) => ({ text: part, match: /[\p{L}\p{N}]/u.test(part) && wordMatches(part, terms) }));
}
