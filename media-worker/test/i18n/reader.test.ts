import test from 'ava';
import { reader } from '../../src/i18n/reader.ts';

test('dates, months and numbers follow the reader: pt-BR in São Paulo time by default', (t) => {
  const pt = reader('pt-BR');
  t.is(pt.timeZone, 'America/Sao_Paulo');
  t.is(pt.dateTime('2026-12-01T20:33:00Z'), '1 de dezembro de 2026, 17:33');
  t.is(pt.day('2026-12-31'), '31 de dezembro de 2026');
  t.is(pt.month('2026-03'), 'março de 2026');
  t.is(pt.shortMonth('2026-02'), 'fev');
  t.is(pt.number(10000), '10.000');
  t.is(pt.percent(7 / 9), '78%');
  t.is(pt.t('report.generated', { date: 'x' }), 'Gerado em x');
  t.is(pt.zoneName(), 'Horário Padrão de Brasília (America/Sao_Paulo)');
});

test('English readers get English, in the time zone they asked for', (t) => {
  const en = reader('en', 'UTC');
  t.is(en.dateTime('2026-12-01T20:33:00Z'), 'December 1, 2026, 8:33 PM');
  t.is(en.day('2026-01-01'), 'January 1, 2026');
  t.is(en.number(10000), '10,000');
  t.is(en.t('video.pocs.more', { count: 1 }), 'and 1 more POC');
  t.is(en.t('video.pocs.more', { count: 26 }), 'and 26 more POCs');
});

test('calendar days never shift with the time zone', (t) => {
  t.is(reader('pt-BR', 'Pacific/Kiritimati').day('2026-01-01'), '1 de janeiro de 2026');
  t.is(reader('en', 'America/Los_Angeles').month('2026-01'), 'January 2026');
});
