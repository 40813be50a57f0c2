import test from 'ava';
import { relativeTime } from '../src/lib/relativeTime.ts';

const now = Date.parse('2026-12-01T12:00:00Z');
const minutes = (n: number) => now + n * 60_000;

test('a moment is said relative to now in the largest unit that fits, in each language', (t) => {
  t.is(relativeTime(minutes(120), now, 'en'), 'in 2 hours');
  t.is(relativeTime(minutes(120), now, 'pt-BR'), 'em 2 horas');
  t.is(relativeTime(minutes(-3), now, 'en'), '3 minutes ago');
  t.is(relativeTime(minutes(-3), now, 'pt-BR'), 'há 3 minutos');
  t.is(relativeTime(minutes(-24 * 60), now, 'pt-BR'), 'ontem');
  t.is(relativeTime(minutes(24 * 60), now, 'en'), 'tomorrow');
  t.is(relativeTime(minutes(3 * 7 * 24 * 60), now, 'pt-BR'), 'em 3 semanas');
  t.is(relativeTime(now + 10_000, now, 'pt-BR'), 'em 10 segundos');
  t.is(relativeTime(now, now, 'en'), 'now');
});
