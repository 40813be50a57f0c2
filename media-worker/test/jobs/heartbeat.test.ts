import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import test from 'ava';
import { alice, smallTenant, tenantA } from '../support/fixtures.ts';
import { ofJob, reportJob, startHarness } from '../support/harness.ts';

test('the heartbeat keeps a job longer than its visibility lease from being delivered again', async (t) => {
  // Lease 2 s, renewed every second; the export answers after 3.5 s.
  const h = await startHarness({ visibilityTimeoutSeconds: 2, heartbeatSeconds: 1 });
  t.teardown(() => h.close());
  h.stub.pocs = smallTenant();
  h.stub.members.set(tenantA, [alice]);
  h.stub.delay(3500);
  const job = reportJob(tenantA, { format: 'json' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  // A lease that lapsed during the job would have delivered it again while the export stalled
  // (a second export request, a duplicate outcome); after completion the message is deleted, so
  // no later delivery can come: check that, instead of sleeping to see whether one shows up.
  const { QueueUrl } = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'media-jobs' }));
  const left = await h.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  t.like(left.Attributes, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  const metrics = await h.registry.getSingleMetricAsString('media_jobs_total');
  t.regex(metrics, /kind="report",outcome="succeeded"\} 1/);
  t.notRegex(metrics, /outcome="(duplicate|retried)"/);
  t.is(h.stub.requests.length, 2, 'POCs and members read once');
  t.is(ofJob(h.results, job.data.jobId).completed.length, 1);
});
