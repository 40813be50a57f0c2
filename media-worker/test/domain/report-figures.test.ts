import test from 'ava';
import { computeReportFigures } from '../../src/domain/report-figures.ts';
import { alice, bob, poc, smallTenant, tenantA } from '../support/fixtures.ts';

const scope = { tenantId: tenantA, userId: null, from: '2026-01-01', to: '2026-07-01' };

test('counts per language, tag, month, member and status, counted by hand', (t) => {
  const figures = computeReportFigures(smallTenant(), [alice, bob], scope);
  t.deepEqual(figures.totals, { pocs: 5, members: 2, languages: 4, tags: 6, done: 2 });
  t.deepEqual(figures.byLanguage, [
    { name: 'TypeScript', count: 3 },
    { name: 'Go', count: 2 },
    { name: 'Python', count: 1 },
    { name: 'Rust', count: 1 },
  ]);
  t.deepEqual(figures.topTags.slice(0, 2), [
    { name: 'perf', count: 3 },
    { name: 'infra', count: 2 },
  ]);
  t.deepEqual(
    figures.byMonth.map((m) => m.count),
    [1, 2, 2, 0, 0, 0],
  );
  t.deepEqual(
    figures.byMember.map((m) => [m.name, m.count, m.done]),
    [
      ['Alice Martin', 3, 2],
      ['Bob Ndiaye', 2, 0],
    ],
  );
  t.deepEqual(
    figures.byStatus.map((s) => [s.status, s.count]),
    [
      ['idea', 1],
      ['active', 1],
      ['done', 2],
      ['archived', 1],
    ],
  );
});

test('the funnel counts POCs that reached each stage, and new versus finished follows the months', (t) => {
  const figures = computeReportFigures(smallTenant(), [alice, bob], scope);
  t.deepEqual(
    figures.funnel.map((s) => [s.stage, s.reached]),
    [
      ['idea', 5],
      ['active', 3],
      ['done', 2],
    ],
  );
  t.is(figures.funnel[2].rate, 0.4);
  t.deepEqual(
    figures.newVersusFinished.slice(0, 3).map((m) => [m.month, m.started, m.finished]),
    [
      ['2026-01', 1, 0],
      ['2026-02', 2, 1],
      ['2026-03', 2, 1],
    ],
  );
});

test('a label repeated on one POC counts once, and unknown owners show as former members', (t) => {
  const pocs = [
    poc({ name: 'X', date: '2026-02-01', languages: ['Go', 'Go'], ownerId: '99999999-0000-4000-8000-000000000009' }),
  ];
  const figures = computeReportFigures(pocs, [alice], scope);
  t.deepEqual(figures.byLanguage, [{ name: 'Go', count: 1 }]);
  t.is(figures.byMember[0].name, 'Former member');
});

test('an empty period still lists every month, with zero rates instead of NaN', (t) => {
  const figures = computeReportFigures([], [], { ...scope, userId: alice.id });
  t.is(figures.byMonth.length, 6);
  t.true(figures.byMonth.every((m) => m.count === 0));
  t.deepEqual(
    figures.funnel.map((s) => s.rate),
    [0, 0, 0],
  );
  t.is(figures.userName, null);
});
