import { randomUUID } from 'node:crypto';
import test from 'ava';
import { tenantA } from '../support/fixtures.ts';
import { type Harness, ofJob, reportJob, startHarness } from '../support/harness.ts';

let h: Harness;
test.before(async () => {
  h = await startHarness();
});
test.after.always(async () => {
  await h?.close();
});

async function dlqUntil(count: number) {
  const parked = [];
  const deadline = Date.now() + 20_000;
  while (parked.length < count && Date.now() < deadline) parked.push(...(await h.drainDeadLetters(1)));
  return parked;
}

test.serial('an invalid job with a readable job id ends in the DLQ and in media.failed with the reason', async (t) => {
  const job = reportJob(tenantA);
  const body = { ...job, data: { ...job.data, format: 'docx' } };
  await h.send(body);
  await h.waitFor((results) => ofJob(results, job.data.jobId).failed.length === 1, 20_000);
  const failure = ofJob(h.results, job.data.jobId).failed[0];
  if (failure.type !== 'media.failed') return t.fail();
  t.regex(failure.data.error, /^invalid_message: format: Invalid option/);
  t.is(failure.tenantId, tenantA);
  const [parked] = await dlqUntil(1);
  t.is(JSON.parse(parked.Body ?? '{}').data.format, 'docx');
  t.regex(parked.MessageAttributes?.['dlq-reason']?.StringValue ?? '', /invalid_message/);
});

test.serial('a body that is not JSON goes to the DLQ without a result', async (t) => {
  const before = h.results.length;
  await h.send('this is not json {');
  const [parked] = await dlqUntil(1);
  t.is(parked.Body, 'this is not json {');
  t.regex(parked.MessageAttributes?.['dlq-reason']?.StringValue ?? '', /^invalid_message: body is not JSON/);
  t.is(h.results.length, before, 'no job id to report a failure for');
});

test.serial('a job whose period makes no sense fails at once (no retries) with invalid_job', async (t) => {
  const job = reportJob(tenantA, { from: '2026-06-01', to: '2026-01-01' });
  await h.send(job);
  await h.waitFor((results) => ofJob(results, job.data.jobId).failed.length === 1, 20_000);
  const failure = ofJob(h.results, job.data.jobId).failed[0];
  if (failure.type !== 'media.failed') return t.fail();
  t.is(failure.data.error, 'invalid_job: to (2026-01-01) must be after from (2026-06-01)');
  const [parked] = await dlqUntil(1);
  t.is(parked.MessageAttributes?.['receive-count']?.StringValue, '1');
});

test.serial('an event that is not a media job is parked as unsupported', async (t) => {
  await h.send({
    id: randomUUID(),
    type: 'poc.deleted',
    tenantId: tenantA,
    occurredAt: new Date().toISOString(),
    data: { id: randomUUID(), version: 1 },
  });
  const [parked] = await dlqUntil(1);
  t.regex(parked.MessageAttributes?.['dlq-reason']?.StringValue ?? '', /^unsupported_type: poc\.deleted/);
});
