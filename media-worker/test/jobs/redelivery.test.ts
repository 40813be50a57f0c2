import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import test from 'ava';
import { ObjectStore } from '../../src/adapters/object-store.ts';
import { alice, smallTenant, tenantA } from '../support/fixtures.ts';
import { ofJob, reportJob, startHarness } from '../support/harness.ts';

test('a redelivery that finds its output re-sends media.completed without rendering again', async (t) => {
  const h = await startHarness({}, { startWorker: false });
  t.teardown(() => h.close());
  h.stub.pocs = smallTenant();
  h.stub.members.set(tenantA, [alice]);
  const job = reportJob(tenantA, { format: 'json' });
  const key = `tenants/${tenantA}/reports/${job.data.jobId}.json`;
  // An earlier attempt uploaded the output, then died before sending its result.
  await new ObjectStore(h.s3, h.bucket, { mode: 'off' }).put(
    key,
    new TextEncoder().encode('{"x":1}\n'),
    'application/json',
    job.data.jobId,
  );
  await h.send(job);
  const { QueueUrl } = await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'media-jobs' }));
  const first = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 1 }));
  t.is(first.Messages?.length, 1, 'the earlier attempt took the message');

  await h.startWorker();
  await h.waitFor((results) => ofJob(results, job.data.jobId).completed.length === 1);
  const done = ofJob(h.results, job.data.jobId).completed[0];
  t.true(done.type === 'media.completed' && done.data.key === key && done.data.bytes === 8);
  t.deepEqual(h.stub.requests, [], 'nothing was read or rendered again');
});
