import test from 'ava';
import { alice, bob, smallTenant, tenantA, tenantB } from '../support/fixtures.ts';
import { type Harness, ofJob, reportJob, startHarness } from '../support/harness.ts';
import { pdfPages } from '../support/pdf-text.ts';

let h: Harness;
test.before(async () => {
  h = await startHarness();
  h.stub.pocs = smallTenant();
  h.stub.members.set(tenantA, [alice, bob]);
});
test.after.always(async () => {
  await h?.close();
});

test('a PDF report job goes through the queue: progress, then completed, and the PDF shows the right counts', async (t) => {
  const job = reportJob(tenantA, { format: 'pdf', locale: 'en', tenantName: 'Acme Labs', to: '2026-07-01' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const { progress, completed, failed, all } = ofJob(h.results, job.data.jobId);
  t.is(failed.length, 0);
  t.true(progress.length >= 2, 'several progress messages');
  t.is(all.at(-1)?.type, 'media.completed', 'completed comes after every progress message');
  const values = progress.map((p) => (p.type === 'media.progress' ? p.data.progress : -1));
  t.deepEqual(
    values,
    [...values].sort((a, b) => a - b),
    'progress only goes up',
  );
  const done = completed[0];
  if (done.type !== 'media.completed') return t.fail();
  t.is(done.tenantId, tenantA);
  t.is(done.data.key, `tenants/${tenantA}/reports/${job.data.jobId}.pdf`);
  t.is(done.data.contentType, 'application/pdf');

  const object = await h.getObject(done.data.key);
  t.is(object.body.byteLength, done.data.bytes);
  t.is(Buffer.from(object.body.subarray(0, 5)).toString(), '%PDF-');
  t.is(object.metadata['job-id'], job.data.jobId);
  const metrics = await h.registry.metrics();
  t.regex(metrics, /media_queue_lag_seconds_count [1-9]/);
  t.regex(metrics, /media_render_seconds_count\{kind="report"\} [1-9]/);
  const pages = await pdfPages(object.body);
  const lines = pages.flat();
  // The cover: the team, the period as people say it, a localized date, the totals, and the first chart.
  t.deepEqual(pages[0].slice(0, 4), [
    'PocDojo',
    'Team report',
    'Team: Acme Labs',
    'Period: January 1, 2026 to June 30, 2026 ¹',
  ]);
  t.regex(pages[0][4], /^Generated on [A-Z][a-z]+ \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
  t.true(pages[0].includes('POCs per month ¹'), 'the first chart is on the cover page, not after a blank one');
  // Counted by hand from smallTenant() with Alice and Bob: 5 POCs, 3 started (active, done × 2), 2 finished.
  for (const expected of [
    '5 3 2 4',
    'POCs ¹ Started ² Finished ³ Languages',
    '2 2 6',
    'Members ⁴ Members with POCs ⁴ Tags',
    'Registered: 5 (100%)',
    'Started: 3 (60%)',
    'Finished: 2 (40%)',
    'TypeScript 3',
    'Go 2',
    'perf 3',
    'infra 2',
    'Alice Martin 3 2',
    'Bob Ndiaye 2 0',
    'February 2026 2 1',
    'March 2026 2 1',
    'Archived 1',
    'Notes: how each figure is counted',
  ]) {
    t.true(lines.includes(expected), `PDF has the line "${expected}"`);
  }
  t.true(
    lines.some((line) => line.startsWith('³ Finished: status Done, whether or not a finish date was filled in.')),
    'the definitions are in the notes',
  );
  t.is(lines.at(-1), `Page ${pages.length} of ${pages.length}`);
});

test('a report asked in Portuguese speaks Portuguese', async (t) => {
  const job = reportJob(tenantA, { format: 'pdf', locale: 'pt-BR', tenantName: 'Equipe Ágil' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const key = `tenants/${tenantA}/reports/${job.data.jobId}.pdf`;
  const [cover, ...rest] = await pdfPages((await h.getObject(key)).body);
  t.deepEqual(cover.slice(0, 4), [
    'PocDojo',
    'Relatório da equipe',
    'Equipe: Equipe Ágil',
    'Período: 1 de janeiro de 2026 a 31 de dezembro de 2026 ¹',
  ]);
  t.regex(cover[4], /^Gerado em \d{1,2} de [a-zç]+ de \d{4}, \d{2}:\d{2}$/);
  const lines = [cover, ...rest].flat();
  for (const expected of [
    'Iniciadas: 3 (60%)',
    'Concluídas: 2 (40%)',
    'fevereiro de 2026 2 1',
    'Arquivada 1',
    'Membro POCs Concluídas',
    'Notas: como cada número é contado',
  ]) {
    t.true(lines.includes(expected), `PDF has the line "${expected}"`);
  }
  t.false(
    lines.some((line) => /\b(Generated|Finished|Started|Members|Month|Page)\b/.test(line)),
    'no English left',
  );
});

test('a CSV report for one member carries that member only, under the tenant prefix', async (t) => {
  const job = reportJob(tenantA, { format: 'csv', userId: bob.id });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const key = `tenants/${tenantA}/reports/${job.data.jobId}.csv`;
  const csv = new TextDecoder().decode((await h.getObject(key)).body);
  const rows = csv.trim().split('\r\n');
  t.is(rows[0], 'section,key,label,metric,value');
  t.true(rows.includes('totals,pocs,POCs,count,2'));
  t.true(rows.includes(`member,${bob.id},Bob Ndiaye,pocs,2`));
  t.false(
    rows.some((row) => row.includes(alice.id)),
    'no other member',
  );
  t.true(rows.includes(`report,scope,Bob Ndiaye,user_id,${bob.id}`));
});

test("a tenant's report never reads or writes another tenant's data", async (t) => {
  const job = reportJob(tenantB, { format: 'json' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const key = `tenants/${tenantB}/reports/${job.data.jobId}.json`;
  const figures = JSON.parse(new TextDecoder().decode((await h.getObject(key)).body));
  t.is(figures.tenantId, tenantB);
  t.is(figures.totals.pocs, 0, "tenant B has no POCs; tenant A's are not counted");
  t.true(h.stub.requests.some((url) => url.includes(`tenantId=${tenantB}`)));
  for (const stored of await h.listKeys()) t.regex(stored, /^tenants\/[0-9a-f-]{36}\/reports\//);
});
