import test from 'ava';
import { alice, smallTenant, tenantA } from '../support/fixtures.ts';
import { ofJob, reportJob, startHarness } from '../support/harness.ts';

test('a job that fails twice then succeeds ends succeeded, after backoff, with no failure reported', async (t) => {
  const h = await startHarness({ retryBaseSeconds: 1 });
  t.teardown(() => h.close());
  h.stub.pocs = smallTenant();
  h.stub.members.set(tenantA, [alice]);
  // Each attempt reads POCs and members in parallel: 4 failures = two failed attempts.
  h.stub.failNext(4, 503);
  const job = reportJob(tenantA, { format: 'json' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1, 60_000);
  const { failed, completed } = ofJob(h.results, job.data.jobId);
  t.is(failed.length, 0);
  t.is(completed.length, 1);
  const metrics = await h.registry.getSingleMetricAsString('media_jobs_total');
  t.regex(metrics, /media_jobs_total\{kind="report",outcome="retried"\} 2/);
  t.regex(metrics, /media_jobs_total\{kind="report",outcome="succeeded"\} 1/);
  t.deepEqual(await h.drainDeadLetters(0), []);
});

test('a job that keeps failing is given up on its 5th receive: media.failed with the reason, message in the DLQ', async (t) => {
  const h = await startHarness({ retryBaseSeconds: 0 });
  t.teardown(() => h.close());
  h.stub.failNext(1000, 503);
  const job = reportJob(tenantA, { format: 'csv' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).failed.length === 1, 60_000);
  const failure = ofJob(h.results, job.data.jobId).failed[0];
  if (failure.type !== 'media.failed') return t.fail();
  t.regex(failure.data.error, /^source_unavailable: GET \/internal\/v1\/\w+ answered 503/);
  const parked = await h.drainDeadLetters(2);
  t.is(parked.length, 1);
  t.is(JSON.parse(parked[0].Body ?? '{}').data.jobId, job.data.jobId);
  t.is(parked[0].MessageAttributes?.['receive-count']?.StringValue, '5');
  t.deepEqual(ofJob(h.results, job.data.jobId).completed, []);
});
