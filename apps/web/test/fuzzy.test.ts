import test from 'ava';
import { allowedTypos, editDistance, highlightRuns, wordMatches } from '../src/lib/fuzzy.ts';

test('typo allowance follows the search rules: 0 below 5 letters, 1 from 5, 2 from 9', (t) => {
  t.is(allowedTypos('rust'), 0);
  t.is(allowedTypos('react'), 1);
  t.is(allowedTypos('typescrip'), 2);
});

test('edit distance counts a swap of neighbours as one typo', (t) => {
  t.is(editDistance('kubernetes', 'kubernetse', 2), 1);
  t.is(editDistance('operator', 'opreator', 1), 1);
  t.is(editDistance('graphql', 'graphql', 0), 0);
  t.is(editDistance('go', 'rust', 1), 2, 'capped at max + 1');
});

test('words match misspelled terms within their allowance, and the last term as a prefix', (t) => {
  t.true(wordMatches('Kubernetes', ['kubernetse']));
  t.false(wordMatches('Rust', ['ruts']), 'four letters allow no typo');
  t.true(wordMatches('Postgres', ['kube', 'postg']), 'prefix of the last term');
  t.false(wordMatches('Postgres', ['postg', 'kube']), 'no prefix for earlier terms');
  t.false(wordMatches('operator', ['opra']), 'a short last term must be a prefix, not a fuzzy match of the whole word');
});

test('highlight runs keep every character and mark only matching words', (t) => {
  const text = 'Kubernetes operator for Postgres, backups!';
  const runs = highlightRuns(text, 'kubernetse opreator');
  t.is(runs.map((r) => r.text).join(''), text);
  t.deepEqual(
    runs.filter((r) => r.match).map((r) => r.text),
    ['Kubernetes', 'operator'],
  );
  t.deepEqual(highlightRuns(text, '  '), [{ text, match: false }]);
});
