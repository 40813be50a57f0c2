import { computeReportFigures } from '@pocdojo/common/contracts/report-figures';
import test from 'ava';
import { reader } from '../../src/i18n/reader.ts';
import { csvCell, renderReportCsv } from '../../src/report/render-csv.ts';
import { renderReportJson } from '../../src/report/render-json.ts';
import { alice, bob, smallTenant, tenantA } from '../support/fixtures.ts';

const figures = computeReportFigures(smallTenant(), [alice, bob], {
  tenantId: tenantA,
  tenantName: 'Equipe "Ágil", SP',
  userId: null,
  from: '2026-01-01',
  to: '2026-04-01',
});

const csvText = (locale: 'en' | 'pt-BR') => new TextDecoder().decode(renderReportCsv(figures, reader(locale)).body);

test('the CSV names the team by name and id, and labels rows in the reader language', (t) => {
  const pt = csvText('pt-BR').split('\r\n');
  t.is(pt[1], `report,tenant,"Equipe ""Ágil"", SP",tenant_id,${tenantA}`);
  t.true(pt.includes('report,period,31 de março de 2026,to_inclusive,2026-03-31'), pt.slice(0, 8).join('\n'));
  t.true(pt.includes('month,2026-02,fevereiro de 2026,pocs,2'));
  t.true(pt.includes('funnel,finished,Concluídas,reached,2'));
  const en = csvText('en').split('\r\n');
  t.true(en.includes('month,2026-02,February 2026,pocs,2'));
  t.true(en.includes('totals,owners,Members with POCs,count,2'));
});

test('the CSV and the JSON carry the same figures', (t) => {
  const rows = csvText('en')
    .trim()
    .split('\r\n')
    .map((row) => row.split(','));
  const json = JSON.parse(new TextDecoder().decode(renderReportJson(figures).body));
  const value = (section: string, key: string, metric: string) =>
    Number(rows.find((row) => row[0] === section && row[1] === key && row[3] === metric)?.[4]);
  for (const { name, count } of json.byLanguage) t.is(value('language', name, 'pocs'), count);
  for (const { name, count } of json.byTag) t.is(value('tag', name, 'pocs'), count);
  for (const { month, count } of json.byMonth) t.is(value('month', month, 'pocs'), count);
  for (const m of json.byMember) t.is(value('member', m.memberId, 'done'), m.done);
  for (const s of json.funnel) t.is(value('funnel', s.stage, 'reached'), s.reached);
  t.is(value('totals', 'pocs', 'count'), json.totals.pocs);
  t.is(json.schemaVersion, 2);
  t.is(json.tenantName, 'Equipe "Ágil", SP');
});

test('CSV cells are quoted when needed and never start a spreadsheet formula', (t) => {
  t.is(csvCell('plain'), 'plain');
  t.is(csvCell('a,b'), '"a,b"');
  t.is(csvCell('say "hi"'), '"say ""hi"""');
  t.is(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  t.is(csvCell('@cmd'), "'@cmd");
  t.is(csvCell(-3), '-3');
});
