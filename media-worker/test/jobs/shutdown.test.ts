import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import test from 'ava';
import { alice, poc, tenantA } from '../support/fixtures.ts';
import { type Harness, ofJob, reportJob, startHarness, videoJob } from '../support/harness.ts';

/** A year long enough that its video is still encoding when the test stops the worker. */
const yearOfPocs = () =>
  Array.from({ length: 12 }, (_, index) =>
    poc({ name: `POC ${index + 1}`, date: `2026-${String(index + 1).padStart(2, '0')}-10` }),
  );

async function stage(h: Harness, jobId: string, name: string) {
  await h.waitFor((results) =>
    ofJob(results, jobId).progress.some((p) => p.type === 'media.progress' && p.data.stage === name),
  );
}

test('on stop, a running job that outlives the grace period is handed back to the queue at once', async (t) => {
  const h = await startHarness({ videoSecondsPerCard: 3 });
  t.teardown(() => h.close());
  h.stub.pocs = yearOfPocs();
  const job = videoJob(tenantA, { userId: alice.id });
  await h.send(job);
  await stage(h, job.data.jobId, 'encoding');
  await h.worker.stop(0);

  t.deepEqual(ofJob(h.results, job.data.jobId).completed, []);
  t.deepEqual(ofJob(h.results, job.data.jobId).failed, [], 'a hand-back is not a failure');
  t.regex(await h.registry.getSingleMetricAsString('media_jobs_total'), /kind="video",outcome="handed_back"\} 1/);
  // Visible again right away (visibility 0), not after the 30 s lease: a long poll answers as
  // soon as the message is visible, and 20 s (the SQS maximum) is still shorter than the lease.
  const { QueueUrl } = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'media-jobs' }));
  const again = await h.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      WaitTimeSeconds: 20,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  t.is(again.Messages?.length, 1);
  t.is(JSON.parse(again.Messages?.[0].Body ?? '{}').data.jobId, job.data.jobId);
  t.is(again.Messages?.[0].Attributes?.ApproximateReceiveCount, '2');
  t.deepEqual(await h.listKeys(), [], 'nothing half-written');
});

test('on stop, a running job that finishes within the grace period completes before the worker stops', async (t) => {
  const h = await startHarness();
  t.teardown(() => h.close());
  h.stub.pocs = yearOfPocs();
  h.stub.delay(1500);
  const job = reportJob(tenantA, { format: 'pdf' });
  await h.send(job);
  await h.waitFor(() => h.stub.requests.length > 0);
  await h.worker.stop(30_000);
  t.deepEqual(await h.listKeys(), [`tenants/${tenantA}/reports/${job.data.jobId}.pdf`], 'written before stop resolved');
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1, 5000);
  t.regex(await h.registry.getSingleMetricAsString('media_jobs_total'), /kind="report",outcome="succeeded"\} 1/);
});
