import test from 'ava';
import { allowedTypos, matchTypos, typoDistance } from '../src/domain/typo-tolerance.ts';

test('allowed typos follow the query word length: <5 → 0, 5–8 → 1, ≥9 → 2', (t) => {
  t.deepEqual(['rust', 'kafka', 'postgres', 'terraform', 'kubernetes'].map(allowedTypos), [0, 1, 1, 2, 2]);
  t.is(allowedTypos('café'), 0, 'characters, not bytes');
});

test('a swap of two adjacent letters is one typo, unlike plain Levenshtein', (t) => {
  t.is(typoDistance('raect', 'react', 2), 1);
  t.is(typoDistance('pyhton', 'python', 2), 1);
  t.is(typoDistance('kafak', 'kafka', 2), 1);
});

test('a typo on the first letter costs two, as in Meilisearch', (t) => {
  t.is(typoDistance('gafka', 'kafka', 2), 2);
  t.is(matchTypos('gafka', 'kafka', false), undefined, 'five letters allow one typo only');
  t.is(matchTypos('berraform', 'terraform', false), 2);
});

test('distance stops early beyond its limit', (t) => {
  t.is(typoDistance('kubernetes', 'terraform', 2), 3);
  t.is(typoDistance('a', 'abcdefgh', 1), 2);
});

test('the last word also matches as a prefix, at no cost', (t) => {
  t.is(matchTypos('typ', 'typescript', true), 0);
  t.is(matchTypos('typ', 'typescript', false), undefined);
  t.is(matchTypos('rust', 'rust', false), 0);
});
