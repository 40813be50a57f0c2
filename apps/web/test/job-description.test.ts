import test from 'ava';
import { describeJob } from '../src/lib/jobDescription.ts';

const base = { id: '8c7a9652-0000-4000-8000-000000000000', status: 'queued' as const, progress: 0 };

test('a report says its format, scope and period with the last day included, and when it was asked', (t) => {
  const report = describeJob(
    {
      ...base,
      kind: 'report',
      params: { scope: 'tenant', from: '2025-01-01', to: '2026-01-01', format: 'pdf' },
      createdAt: '2026-12-01T20:33:00.000Z',
    },
    'en',
  );
  t.is(report.title, 'PDF report');
  t.is(report.details[0], 'whole team');
  t.regex(report.details[1] ?? '', /^Jan 1\s*–\s*Dec 31, 2025$/);
  t.regex(report.requested ?? '', /^Requested Dec 1, 2026/);
  t.false(JSON.stringify(report).includes('8c7a9652'), 'no id fragment for people to decode');
});

test('a member report names the member; a video says its year and whose it is', (t) => {
  const mine = describeJob({ ...base, kind: 'report', params: { scope: 'me', format: 'csv' } }, 'en');
  t.deepEqual([mine.title, mine.details], ['CSV report', ['my POCs']]);
  const theirs = describeJob(
    { ...base, kind: 'report', params: { scope: { userId: 'x' }, format: 'json' }, subjectName: 'Bea Charts' },
    'en',
  );
  t.deepEqual(theirs.details, ['Bea Charts']);
  const video = describeJob({ ...base, kind: 'video', params: { year: 2026 }, subjectName: 'Ana Souza' }, 'en');
  t.deepEqual([video.title, video.details, video.requested], ['Yearly video 2026', ['Ana Souza'], null]);
});
