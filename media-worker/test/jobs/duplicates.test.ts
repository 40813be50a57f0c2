import test from 'ava';
import { alice, smallTenant, tenantA } from '../support/fixtures.ts';
import { ofJob, reportJob, startHarness } from '../support/harness.ts';

test('a job delivered twice writes one object and one completed result', async (t) => {
  const h = await startHarness({ concurrency: 1 });
  t.teardown(() => h.close());
  h.stub.pocs = smallTenant();
  h.stub.members.set(tenantA, [alice]);
  const job = reportJob(tenantA, { format: 'pdf' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const requestsAfterFirst = h.stub.requests.length;
  // The outbox relay may publish the same job again: a second message, receive count 1.
  await h.send(job);
  const metric = () => h.registry.getSingleMetricAsString('media_jobs_total');
  const deadline = Date.now() + 20_000;
  while (!/outcome="duplicate"\} 1/.test(await metric()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.regex(await metric(), /media_jobs_total\{kind="report",outcome="duplicate"\} 1/);
  t.is(ofJob(h.results, job.data.jobId).completed.length, 1);
  t.is(h.stub.requests.length, requestsAfterFirst, 'the duplicate did not even read the data again');
  t.deepEqual(await h.listKeys(), [`tenants/${tenantA}/reports/${job.data.jobId}.pdf`]);
});

test('two deliveries of one job at the same time render once', async (t) => {
  const h = await startHarness({ concurrency: 2 });
  t.teardown(() => h.close());
  h.stub.pocs = smallTenant();
  h.stub.members.set(tenantA, [alice]);
  const job = reportJob(tenantA, { format: 'csv' });
  await Promise.all([h.send(job), h.send(job)]);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const metric = () => h.registry.getSingleMetricAsString('media_jobs_total');
  const deadline = Date.now() + 20_000;
  while (!/outcome="duplicate"\} 1/.test(await metric()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t.regex(await metric(), /outcome="duplicate"\} 1/);
  t.regex(await metric(), /outcome="succeeded"\} 1/);
  t.is(ofJob(h.results, job.data.jobId).completed.length, 1);
});
