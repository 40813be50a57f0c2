import test from 'ava';
import { alice, bob, smallTenant, tenantA, tenantB } from '../support/fixtures.ts';
import { type Harness, ofJob, reportJob, startHarness } from '../support/harness.ts';
import { pdfLines } from '../support/pdf-text.ts';

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
  const job = reportJob(tenantA, { format: 'pdf' });
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
  const lines = await pdfLines(object.body);
  // Totals on the title page, then the tables: counted by hand from smallTenant().
  for (const expected of [
    'POCs: 5',
    'Done: 2',
    'Members: 2',
    'TypeScript 3',
    'Go 2',
    'perf 3',
    'infra 2',
    'Alice Martin 3 2',
    'Bob Ndiaye 2 0',
    'Feb 2026 2 1',
    'Mar 2026 2 1',
    'Archived 1',
  ]) {
    t.true(lines.includes(expected), `PDF has the line "${expected}"`);
  }
});

test('a CSV report for one member carries that member only, under the tenant prefix', async (t) => {
  const job = reportJob(tenantA, { format: 'csv', userId: bob.id });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const key = `tenants/${tenantA}/reports/${job.data.jobId}.csv`;
  const csv = new TextDecoder().decode((await h.getObject(key)).body);
  const rows = csv.trim().split('\r\n');
  t.is(rows[0], 'section,key,label,metric,value');
  t.true(rows.includes('totals,pocs,pocs,count,2'));
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
