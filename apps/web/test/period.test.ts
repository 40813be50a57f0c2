import test from 'ava';
import { lastDayOf, periodFor, periodProblem, toApiWindow } from '../src/lib/period.ts';

const today = new Date(2026, 11, 1, 12);

test('this year and last year are whole calendar years; the API gets the day after the last as its end', (t) => {
  t.deepEqual(periodFor('thisYear', today), { preset: 'thisYear', from: '2026-01-01', until: '2026-12-31' });
  t.deepEqual(toApiWindow(periodFor('thisYear', today)), { from: '2026-01-01', to: '2027-01-01' });
  t.deepEqual(toApiWindow(periodFor('lastYear', today)), { from: '2025-01-01', to: '2026-01-01' });
});

test('a range includes its last day, across month and leap-day ends', (t) => {
  const range = periodFor('range', today, { from: '2028-02-01', until: '2028-02-29' });
  t.deepEqual(toApiWindow(range), { from: '2028-02-01', to: '2028-03-01' });
  t.is(lastDayOf('2027-01-01'), '2026-12-31');
  t.is(periodProblem({ preset: 'range', from: '2026-05-02', until: '2026-05-01' }), 'The range ends before it starts');
  t.is(periodProblem({ preset: 'range', from: '', until: '2026-05-01' }), 'Choose both days of the range');
  t.is(periodProblem(range), null);
});
