import test from 'ava';
import { highlightRuns, MARK_CLOSE, MARK_OPEN, markersToHtml } from '../src/contracts/search-highlight.ts';

test('highlight markup reads back into the field text, with exactly the marked runs matched', (t) => {
  const marked = `${MARK_OPEN}Kube${MARK_CLOSE}rnetes <op> & "x" 'y' ${MARK_OPEN}a&b${MARK_CLOSE}`;
  const runs = highlightRuns(markersToHtml(marked));
  t.is(runs.map((run) => run.text).join(''), `Kubernetes <op> & "x" 'y' a&b`);
  t.deepEqual(
    runs.filter((run) => run.match).map((run) => run.text),
    ['Kube', 'a&b'],
  );
});

test('text that looks like markup stays text', (t) => {
  const runs = highlightRuns(markersToHtml('<mark>not a match</mark> &amp;'));
  t.deepEqual(runs, [{ text: '<mark>not a match</mark> &amp;', match: false }]);
});
