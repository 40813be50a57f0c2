import test from 'ava';
import { describeJob } from '../src/lib/jobDescription.ts';
import { plain, wordsIn as words } from './helpers/words.ts';

const base = { id: '8c7a9652-0000-4000-8000-000000000000', status: 'queued' as const, progress: 0 };
const yearReport = {
  ...base,
  kind: 'report' as const,
  params: { scope: 'tenant', from: '2025-01-01', to: '2026-01-01', format: 'pdf' },
  createdAt: '2026-12-01T20:33:00.000Z',
};
const line = (described: { title: string; details: string[] }) =>
  plain([described.title, ...described.details].join(' · '));

test('a report says its format, scope and period with the last day included, and when it was asked', (t) => {
  const report = describeJob(yearReport, words('en'));
  t.is(line(report), 'PDF report · whole team · Jan 1 – Dec 31, 2025');
  t.is(plain(report.requested), 'Requested Dec 1, 2026, 5:33 PM', 'Brasília time (UTC−3)');
  t.false(JSON.stringify(report).includes('8c7a9652'), 'no id fragment for people to decode');
});

test('in Brazilian Portuguese the same report reads naturally, with pt-BR dates from Intl', (t) => {
  const report = describeJob(yearReport, words('pt-BR'));
  t.is(line(report), 'Relatório em PDF · equipe inteira · 1 jan – 31 dez 2025');
  t.is(plain(report.requested), 'Pedido em 1 de dez. de 2026, 17:33');
  const march = describeJob(
    { ...base, kind: 'report', params: { scope: 'me', format: 'csv', from: '2026-03-01', to: '2026-03-16' } },
    words('pt-BR'),
  );
  t.is(line(march), 'Relatório em CSV · minhas POCs · 1 – 15 mar 2026', 'a range inside one month names it once');
});

test('a member report names the member; a video says its year and whose it is', (t) => {
  const mine = describeJob({ ...base, kind: 'report', params: { scope: 'me', format: 'csv' } }, words('en'));
  t.deepEqual([mine.title, mine.details], ['CSV report', ['my POCs']]);
  const theirs = describeJob(
    { ...base, kind: 'report', params: { scope: { userId: 'x' }, format: 'json' }, subjectName: 'Bea Charts' },
    words('en'),
  );
  t.deepEqual(theirs.details, ['Bea Charts']);
  const video = describeJob({ ...base, kind: 'video', params: { year: 2026 }, subjectName: 'Ana Souza' }, words('en'));
  t.deepEqual([video.title, video.details, video.requested], ['Yearly video 2026', ['Ana Souza'], null]);
  const vídeo = describeJob(
    { ...base, kind: 'video', params: { year: 2026 }, subjectName: 'Ana Souza' },
    words('pt-BR'),
  );
  t.deepEqual([vídeo.title, vídeo.details], ['Vídeo do ano 2026', ['Ana Souza']]);
  const anyone = describeJob({ ...base, kind: 'report', params: { scope: { userId: 'x' } } }, words('pt-BR'));
  t.deepEqual([anyone.title, anyone.details], ['Relatório', ['uma pessoa da equipe']]);
});
