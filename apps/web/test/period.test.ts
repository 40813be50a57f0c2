import test from 'ava';
import { lastDayOf, periodFor, periodLabel, periodProblem, presetLabel, toApiWindow } from '../src/lib/period.ts';
import { plain, wordsIn as words } from './helpers/words.ts';

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
  t.is(periodProblem(range), null);
});

test('what is wrong with a range is said in both languages', (t) => {
  const backwards = periodProblem({ preset: 'range', from: '2026-05-02', until: '2026-05-01' });
  const halfDone = periodProblem({ preset: 'range', from: '', until: '2026-05-01' });
  t.is(backwards && words('en').t(backwards), 'The range ends before it starts');
  t.is(backwards && words('pt-BR').t(backwards), 'O intervalo termina antes de começar');
  t.is(halfDone && words('en').t(halfDone), 'Choose both days of the range');
  t.is(halfDone && words('pt-BR').t(halfDone), 'Escolha os dois dias do intervalo');
});

test('the presets and a period read as people say them, in each language', (t) => {
  t.deepEqual(
    (['thisYear', 'lastYear', 'range'] as const).map((preset) => presetLabel(preset, words('en'), today)),
    ['This year (2026)', 'Last year (2025)', 'Dates of my choice'],
  );
  t.deepEqual(
    (['thisYear', 'lastYear', 'range'] as const).map((preset) => presetLabel(preset, words('pt-BR'), today)),
    ['Este ano (2026)', 'Ano passado (2025)', 'Datas à minha escolha'],
  );
  t.is(plain(periodLabel('2026-01-01', '2026-12-31', 'en')), 'Jan 1 – Dec 31, 2026');
  t.is(plain(periodLabel('2026-01-01', '2026-12-31', 'pt-BR')), '1 jan – 31 dez 2026');
  t.is(plain(periodLabel('2025-11-15', '2026-02-28', 'pt-BR')), '15 nov 2025 – 28 fev 2026');
  t.is(plain(periodLabel('2026-05-01', '2026-05-01', 'pt-BR')), '1 mai 2026', 'one day is one date');
});
