import test from 'ava';
import { computeReportFigures } from '../../src/domain/report-figures.ts';
import { csvCell, renderReportCsv } from '../../src/report/render-csv.ts';
import { renderReportJson } from '../../src/report/render-json.ts';
import { alice, bob, smallTenant, tenantA } from '../support/fixtures.ts';

const figures = computeReportFigures(smallTenant(), [alice, bob], {
  tenantId: tenantA,
  userId: null,
  from: '2026-01-01',
  to: '2026-04-01',
});

test('the CSV and the JSON carry the same figures', (t) => {
  const rows = new TextDecoder()
    .decode(renderReportCsv(figures).body)
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
  t.is(json.schemaVersion, 1);
});

test('CSV cells are quoted when needed and never start a spreadsheet formula', (t) => {
  t.is(csvCell('plain'), 'plain');
  t.is(csvCell('a,b'), '"a,b"');
  t.is(csvCell('say "hi"'), '"say ""hi"""');
  t.is(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  t.is(csvCell('@cmd'), "'@cmd");
  t.is(csvCell(-3), '-3');
});
