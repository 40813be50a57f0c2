import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { SearchablePoc } from '../src/contracts/poc.ts';
import type { PocStatus } from '../src/contracts/vocabularies.ts';
import { computeReportFigures, FORMER_MEMBER } from '../src/report-figures.ts';

const tenantId = '11111111-1111-4111-8111-111111111111';
const ana = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ana Souza' };
const bruno = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bruno Lima' };
const carla = { id: 'cccccccc-0000-4000-8000-000000000003', name: 'Carla Dias' };
const dora = { id: 'dddddddd-0000-4000-8000-000000000004', name: 'Dora Reis' };
const formerId = 'eeeeeeee-0000-4000-8000-000000000005';

function poc(
  name: string,
  ownerId: string,
  status: PocStatus,
  dates: { startedAt?: string | null; createdAt?: string; finishedAt?: string | null },
  languages: string[] = [],
  tags: string[] = [],
): SearchablePoc {
  const createdAt = dates.createdAt ?? '2025-11-01T12:00:00.000Z';
  return {
    id: randomUUID(),
    tenantId,
    ownerId,
    name,
    description: '',
    languages,
    tags,
    status,
    repoUrl: null,
    startedAt: dates.startedAt ?? null,
    finishedAt: dates.finishedAt ?? null,
    createdAt,
    updatedAt: '2026-11-30T12:00:00.000Z',
    version: 1,
  };
}

/**
 * A four-person team (Carla and Dora own nothing) and a former member, over 2026. Every expected value
 * below was counted by hand from this list; P9 started the day before the period and is out.
 */
const team = [
  poc(
    'P1',
    ana.id,
    'done',
    { startedAt: '2026-01-10', finishedAt: '2026-02-03' },
    ['Go', 'TypeScript'],
    ['perf', 'Infra'],
  ),
  poc('P2', ana.id, 'done', { startedAt: '2026-02-14' }, ['TypeScript'], ['perf']),
  poc('P3', ana.id, 'done', { createdAt: '2026-03-05T09:00:00.000Z' }, ['Python'], ['ml']),
  poc('P4', bruno.id, 'active', { startedAt: '2026-03-20' }, ['Go'], ['infra']),
  poc('P5', bruno.id, 'idea', { createdAt: '2026-04-01T09:00:00.000Z' }, ['Rust']),
  poc('P6', bruno.id, 'archived', { startedAt: '2026-04-11' }, ['TypeScript', 'typescript']),
  poc('P7', bruno.id, 'archived', { createdAt: '2026-05-02T09:00:00.000Z' }, ['Go']),
  poc('P8', ana.id, 'done', { startedAt: '2026-12-15', finishedAt: '2027-01-05' }, ['C#']),
  poc('P9', ana.id, 'active', { startedAt: '2025-12-31' }, ['Go']),
  poc('P10', formerId, 'active', { startedAt: '2026-06-01' }, ['go']),
];
const members = [ana, bruno, carla, dora];
const year = { tenantId, tenantName: 'Equipe Ágil', userId: null, from: '2026-01-01', to: '2027-01-01' };

test('totals: members are the whole team, owners those with a POC; finished is status done', (t) => {
  const figures = computeReportFigures(team, members, year);
  t.is(figures.tenantName, 'Equipe Ágil');
  t.deepEqual(figures.totals, { pocs: 9, members: 4, owners: 3, languages: 5, tags: 3, started: 7, done: 4 });
});

test('status now and the funnel: registered, started (done without a start date included), finished', (t) => {
  const figures = computeReportFigures(team, members, year);
  t.deepEqual(
    figures.byStatus.map((s) => [s.status, s.count]),
    [
      ['idea', 1],
      ['active', 2],
      ['done', 4],
      ['archived', 2],
    ],
  );
  t.deepEqual(
    figures.funnel.map((s) => [s.stage, s.reached]),
    [
      ['registered', 9],
      ['started', 7],
      ['finished', 4],
    ],
  );
  t.is(figures.funnel[1].rate, 7 / 9);
  t.is(figures.funnel[2].rate, 4 / 9);
});

test('months: new by own date; finished by finish date, else own date; a finish after the period counts in the total only', (t) => {
  const figures = computeReportFigures(team, members, year);
  t.deepEqual(
    figures.byMonth.map((m) => m.count),
    [1, 1, 2, 2, 1, 1, 0, 0, 0, 0, 0, 1],
  );
  t.deepEqual(
    figures.newVersusFinished.map((m) => m.finished),
    [0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  );
  t.is(figures.newVersusFinished[0].month, '2026-01');
});

test('labels count case-insensitively, once per POC, shown as first written', (t) => {
  const figures = computeReportFigures(team, members, year);
  t.deepEqual(figures.byLanguage, [
    { name: 'Go', count: 4 },
    { name: 'TypeScript', count: 3 },
    { name: 'C#', count: 1 },
    { name: 'Python', count: 1 },
    { name: 'Rust', count: 1 },
  ]);
  t.deepEqual(figures.byTag, [
    { name: 'Infra', count: 2 },
    { name: 'perf', count: 2 },
    { name: 'ml', count: 1 },
  ]);
});

test('per member, former members included under one name', (t) => {
  const figures = computeReportFigures(team, members, year);
  t.deepEqual(
    figures.byMember.map((m) => [m.name, m.count, m.done]),
    [
      ['Ana Souza', 4, 4],
      ['Bruno Lima', 4, 0],
      [FORMER_MEMBER, 1, 0],
    ],
  );
});

test('filters: owner, language and tag (case-insensitive) select the POCs every figure is computed from', (t) => {
  const bruno4 = computeReportFigures(team, members, { ...year, userId: bruno.id });
  t.is(bruno4.userName, 'Bruno Lima');
  t.deepEqual([bruno4.totals.pocs, bruno4.totals.started, bruno4.totals.done, bruno4.totals.owners], [4, 2, 0, 1]);
  const go = computeReportFigures(team, members, { ...year, language: 'go' });
  t.deepEqual([go.totals.pocs, go.totals.done, go.language], [4, 1, 'go']);
  const infra = computeReportFigures(team, members, { ...year, tag: 'INFRA' });
  t.deepEqual(
    infra.byMember.map((m) => m.name),
    ['Ana Souza', 'Bruno Lima'],
  );
});

test('an empty period still lists every month, with zero rates instead of NaN', (t) => {
  const figures = computeReportFigures([], [], { ...year, to: '2026-07-01', userId: ana.id });
  t.is(figures.byMonth.length, 6);
  t.true(figures.byMonth.every((m) => m.count === 0));
  t.deepEqual(
    figures.funnel.map((s) => s.rate),
    [0, 0, 0],
  );
  t.is(figures.userName, null);
});
