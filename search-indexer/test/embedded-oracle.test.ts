import { createLogger } from '@pocdojo/common/logger';
import test from 'ava';
import { generatePocs, random } from '../bench/generate-pocs.ts';
import { EmbeddedSearchEngine } from '../src/adapters/embedded/embedded-search-engine.ts';
import { terms } from '../src/domain/text.ts';
import { query } from './conformance/fixtures.ts';

/**
 * The oracle, written from the rules and not from the code under test: the
 * textbook Damerau–Levenshtein recurrence (optimal string alignment: insert,
 * delete, substitute, swap two neighbours, each 1) over the whole matrix, on
 * code points.
 */
function damerauLevenshtein(a: string[], b: string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Meilisearch's rules as the README states them: under 5 letters exact, 5–8 one
 * typo, 9 or more two; a different first letter costs one typo more; the last
 * query word also matches as a plain prefix.
 */
function oracleMatches(queryWord: string, word: string, isLast: boolean): boolean {
  if (queryWord === word || (isLast && word.startsWith(queryWord))) return true;
  const q = [...queryWord];
  const w = [...word];
  const allowed = q.length >= 9 ? 2 : q.length >= 5 ? 1 : 0;
  const firstLetter = q[0] === w[0] ? 0 : 1;
  return damerauLevenshtein(q, w) + firstLetter <= allowed;
}

test('the oracle follows the rules on known cases', (t) => {
  t.true(oracleMatches('kubernets', 'kubernetes', false), 'one letter dropped');
  t.true(oracleMatches('kubenretes', 'kubernetes', false), 'one swap is one typo');
  t.true(oracleMatches('kbuenretes', 'kubernetes', false), 'two swaps in a long word');
  t.false(oracleMatches('kbuenretse', 'kubernetes', false), 'three swaps');
  t.false(oracleMatches('rsut', 'rust', false), 'short words match exactly');
  t.false(oracleMatches('jello', 'hello', false), 'a first-letter typo costs two');
  t.true(oracleMatches('kub', 'kubernetes', true), 'the last word is a prefix');
  t.false(oracleMatches('kub', 'kubernetes', false), 'other words are not');
});

/** `edits` random edits (swap, drop, double, replace) anywhere in `word`, first letter included. */
function mangle(rng: () => number, word: string, edits: number): string {
  let out = word;
  for (let e = 0; e < edits && out.length > 2; e++) {
    const i = Math.floor(rng() * (out.length - 1));
    // Swaps are drawn twice as often: two swaps are the case Levenshtein-based candidates miss.
    const kind = Math.max(0, Math.floor(rng() * 5) - 1);
    if (kind === 0) out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
    else if (kind === 1) out = out.slice(0, i) + out.slice(i + 1);
    else if (kind === 2) out = out.slice(0, i) + out[i] + out.slice(i);
    else out = out.slice(0, i) + 'xq'[Math.floor(rng() * 2)] + out.slice(i + 1);
  }
  return out;
}

/** Two swaps of adjacent letters, apart and off the first letter: two typos, but four Levenshtein edits. */
function twoSwaps(rng: () => number, word: string): string {
  const swap = (w: string, i: number) => w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  const first = 1 + Math.floor(rng() * (word.length - 5));
  const second = first + 2 + Math.floor(rng() * (word.length - first - 3));
  return swap(swap(word, first), second);
}

// The engine against a brute-force reading of the rules: a POC matches when every query word matches
// some word of its name, tags, languages or description (typo rules by query word length, Damerau
// distance, first-letter typo costs two, prefix for the last word). Catches any candidate MiniSearch's
// Levenshtein search would miss (two swaps are Levenshtein 4 but two typos).
test('the embedded engine finds exactly what the matching rules allow', async (t) => {
  const engine = await EmbeddedSearchEngine.open({ logger: createLogger('search-indexer-test') });
  const { tenantIds, pocs } = generatePocs(1, 400, 99);
  await engine.upsert(pocs);
  const words = pocs.map((poc) => [
    ...new Set(terms([poc.name, ...poc.tags, ...poc.languages, poc.description].join(' '))),
  ]);
  const allWords = [...new Set(words.flat())];
  const vocabulary = allWords.filter((w) => w.length >= 3);
  const longWords = vocabulary.filter((w) => w.length >= 9);
  const rng = random(2024);
  let checked = 0;
  for (let i = 0; i < 300; i++) {
    const count = 1 + Math.floor(rng() * 2);
    const q = Array.from({ length: count }, () =>
      mangle(rng, vocabulary[Math.floor(rng() * vocabulary.length)], Math.floor(rng() * 3)),
    );
    if (i % 5 === 0) q[q.length - 1] = q[q.length - 1].slice(0, 3); // some as-you-type prefixes
    if (i % 5 === 1) q[0] = twoSwaps(rng, longWords[Math.floor(rng() * longWords.length)]);
    // Each query word against the whole vocabulary once (the full matrix per pair is slow), then per POC a lookup.
    const matching = q.map((qw, k) => new Set(allWords.filter((w) => oracleMatches(qw, w, k === q.length - 1))));
    const expected = pocs
      .filter((_, p) => matching.every((set) => words[p].some((w) => set.has(w))))
      .map((poc) => poc.id)
      .sort();
    // 100 hits: more than the API's page (SearchLimits.maxLimit), so the engine is asked directly.
    const result = await engine.search({ ...query(tenantIds[0], { q: q.join(' ') }), limit: 100 });
    t.is(result.total, expected.length, `total for "${q.join(' ')}"`);
    if (expected.length <= 100) {
      t.deepEqual(result.hits.map((h) => h.id).sort(), expected, `hits for "${q.join(' ')}"`);
      checked++;
    }
  }
  t.true(checked > 250, 'most queries compared hit by hit');
});
