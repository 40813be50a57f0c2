import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseEnvelope, Queues } from '@pocdojo/common/contracts/events';
import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { INTERNAL_TOKEN } from './helpers/platform.ts';
import { startTwinPlatforms, type TwinPlatforms } from './helpers/twin-platforms.ts';

// Every quota is asked of two replicas in turn (one database, one Redis): a limit that held per replica would fail.
let twins: TwinPlatforms;
let a: ApiClient;
let b: ApiClient;
let operator: ApiClient;

test.before(async () => {
  twins = await startTwinPlatforms({ LOGIN_FREE_FAILURES: '2', LOGIN_RATE_PER_IP: '1000' });
  a = new ApiClient(twins.first.url);
  b = new ApiClient(twins.second.url);
  operator = a.as(INTERNAL_TOKEN);
});
test.after.always(() => twins?.close());

/** A new team on the `free` plan with `overrides`; returns its owner on each replica. */
async function teamWith(overrides: Record<string, number>) {
  const team = await signUpTeam(a);
  const put = await operator.request('PUT', `/internal/v1/tenants/${team.tenant.id}/plan`, { plan: 'free', overrides });
  if (put.status !== 200) throw new Error(`plan change failed: ${put.status} ${JSON.stringify(put.body)}`);
  return { ...team, onA: team.owner, onB: b.as(team.accessToken) };
}

const poc = (name: string) => ({ name, languages: ['go'], tags: ['quota'] });

test('POCs: the limit holds across replicas, even for concurrent creations, with a 403 naming it', async (t) => {
  const team = await teamWith({ pocs: 4 });
  const replies = await Promise.all(
    Array.from({ length: 8 }, (_, i) => (i % 2 ? team.onB : team.onA).post('/v1/pocs', poc(`POC ${i}`))),
  );
  t.deepEqual(replies.map((r) => r.status).sort(), [201, 201, 201, 201, 403, 403, 403, 403]);
  const refused = replies.find((r) => r.status === 403);
  t.is(refused?.headers.get('content-type'), 'application/problem+json');
  t.like(refused?.body, { status: 403, code: 'quota_exceeded', limit: 'pocs', value: 4, plan: 'free' });
  t.is((await team.onB.get('/v1/pocs?limit=100')).body.items.length, 4);
  // The refused creations wrote no event either.
  const quotas = await operator.get(`/internal/v1/tenants/${team.tenant.id}/quotas`);
  t.like(quotas.body, { plan: 'free', limits: { pocs: 4, reportsPerDay: 20 }, used: { pocs: 4 } });
});

test('attachments: larger than attachmentBytes, or past storageBytes, is a 403 naming the limit', async (t) => {
  const team = await teamWith({ attachmentBytes: 1000, storageBytes: 2500 });
  const { id } = (await team.onA.post('/v1/pocs', poc('Files'))).body;
  const file = (bytes: number) => ({ fileName: 'notes.txt', contentType: 'text/plain', bytes });
  const tooBig = await team.onB.post(`/v1/pocs/${id}/attachments`, file(1001));
  t.like(tooBig.body, { status: 403, code: 'quota_exceeded', limit: 'attachmentBytes', value: 1000 });
  t.is((await team.onA.post(`/v1/pocs/${id}/attachments`, file(1000))).status, 201);
  t.is((await team.onB.post(`/v1/pocs/${id}/attachments`, file(1000))).status, 201);
  const full = await team.onA.post(`/v1/pocs/${id}/attachments`, file(501));
  t.like(full.body, { status: 403, code: 'quota_exceeded', limit: 'storageBytes', value: 2500 });
  t.is((await team.onB.post(`/v1/pocs/${id}/attachments`, file(500))).status, 201, 'exactly up to the limit');
  t.is((await team.onA.get(`/v1/pocs/${id}/attachments`)).body.items.length, 3);
});

test('reports and videos per day: the next one is a 429 with Retry-After until UTC midnight', async (t) => {
  const team = await teamWith({ reportsPerDay: 2, videosPerDay: 1, concurrentJobs: 10 });
  const report = { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'json' };
  t.is((await team.onA.post('/v1/reports', report)).status, 202);
  t.is((await team.onB.post('/v1/reports', report)).status, 202);
  const third = await team.onA.post('/v1/reports', report);
  t.is(third.status, 429);
  t.like(third.body, { code: 'quota_rate_exceeded', limit: 'reportsPerDay', value: 2, plan: 'free' });
  const retryAfter = Number(third.headers.get('retry-after'));
  t.true(retryAfter >= 1 && retryAfter <= 86_400, `Retry-After ${retryAfter}`);
  t.is((await team.onB.post('/v1/videos', { year: 2026 })).status, 202);
  t.like((await team.onA.post('/v1/videos', { year: 2026 })).body, { status: 429, limit: 'videosPerDay', value: 1 });
});

/** The media-jobs messages of `tenantId` now on the queue (received and left for redelivery later). */
async function queuedJobIds(tenantId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let empty = 0; empty < 2; ) {
    const out = await twins.first.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: twins.first.queueUrls[Queues.mediaJobs],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 300,
      }),
    );
    if (!out.Messages?.length) empty++;
    for (const message of out.Messages ?? []) {
      const envelope = parseEnvelope(message.Body ?? '');
      if (envelope.tenantId === tenantId) ids.push((envelope.data as { jobId: string }).jobId);
    }
  }
  return ids;
}

async function until<T>(fn: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.serial(
  'concurrent jobs: past the limit a job waits off the queue and takes the slot a finished one frees',
  async (t) => {
    const team = await teamWith({ concurrentJobs: 1 });
    const report = { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'csv' };
    const jobs: string[] = [];
    for (const client of [team.onA, team.onB, team.onA])
      jobs.push((await client.post('/v1/reports', report)).body.jobId);
    const quotas = () => operator.get(`/internal/v1/tenants/${team.tenant.id}/quotas`);
    t.like((await quotas()).body.used, { jobsInFlight: 1, jobsWaiting: 2 });
    t.like((await team.onB.get(`/v1/jobs/${jobs[1]}`)).body, { status: 'queued', stage: 'waiting for a free slot' });
    t.deepEqual(await queuedJobIds(team.tenant.id), [jobs[0]]);

    // The worker's result for the first job, through the real results queue, admits the second.
    await twins.first.sqs.send(
      new SendMessageCommand({
        QueueUrl: twins.first.queueUrls[Queues.mediaResults],
        MessageBody: JSON.stringify({
          id: randomUUID(),
          type: 'media.failed',
          tenantId: team.tenant.id,
          occurredAt: new Date().toISOString(),
          data: { jobId: jobs[0], error: 'no POCs' },
        }),
      }),
    );
    const after = await until(quotas, (r) => r.body.used.jobsWaiting === 1);
    t.like(after.body.used, { jobsInFlight: 1, jobsWaiting: 1 });
    t.deepEqual(
      await until(
        () => queuedJobIds(team.tenant.id),
        (ids) => ids.length > 0,
      ),
      [jobs[1]],
    );

    // An operator raising the limit lets the last one go at once.
    await operator.request('PUT', `/internal/v1/tenants/${team.tenant.id}/plan`, {
      plan: 'free',
      overrides: { concurrentJobs: 2 },
    });
    t.like((await quotas()).body.used, { jobsInFlight: 2, jobsWaiting: 0 });
    t.deepEqual(
      await until(
        () => queuedJobIds(team.tenant.id),
        (ids) => ids.length > 0,
      ),
      [jobs[2]],
    );
  },
);

test('login throttling is shared: failures on one replica delay the next try on the other', async (t) => {
  const team = await signUpTeam(a);
  const wrong = { tenant: team.slug, email: team.email, password: 'wrong-Horse-battery-1' };
  t.is((await a.post('/v1/auth/login', wrong)).status, 401);
  t.is((await b.post('/v1/auth/login', wrong)).status, 401);
  t.is((await a.post('/v1/auth/login', wrong)).status, 401, 'the third failure earns a delay');
  const throttled = await b.post('/v1/auth/login', { ...wrong, password: 'correct-Horse-battery-9' });
  t.is(throttled.status, 429);
  t.like(throttled.body, { code: 'rate_limited' });
  t.truthy(throttled.headers.get('retry-after'));
});

test('operator endpoints need the internal token; a bad plan changes nothing', async (t) => {
  const team = await signUpTeam(a);
  t.is((await team.owner.get(`/internal/v1/tenants/${team.tenant.id}/quotas`)).status, 401);
  const bad = await operator.request('PUT', `/internal/v1/tenants/${team.tenant.id}/plan`, {
    plan: 'platinum',
    overrides: { pocs: -1 },
  });
  t.is(bad.status, 400);
  t.is(bad.headers.get('content-type'), 'application/problem+json');
  t.like((await operator.get(`/internal/v1/tenants/${team.tenant.id}/quotas`)).body, {
    plan: 'team',
    limits: { pocs: 5000 },
  });
  t.is((await operator.get(`/internal/v1/tenants/${randomUUID()}/quotas`)).status, 404);
});
