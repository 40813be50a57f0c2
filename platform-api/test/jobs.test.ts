import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseEnvelope, Queues } from '@pocdojo/common/contracts/events';
import { createS3Client } from '@pocdojo/common/runtime/aws';
import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

/** Plays the media worker's part on the wire: publishes result envelopes to media-results. */
async function publishResult(tenantId: string, type: string, data: Record<string, unknown>) {
  await platform.sqs.send(
    new SendMessageCommand({
      QueueUrl: platform.queueUrls[Queues.mediaResults],
      MessageBody: JSON.stringify({ id: randomUUID(), type, tenantId, occurredAt: new Date().toISOString(), data }),
    }),
  );
}

async function waitFor(fn: () => Promise<any>, done: (value: any) => boolean, ms = 10_000): Promise<any> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function nextJobEvent() {
  const out = await waitFor(
    () =>
      platform.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: platform.queueUrls[Queues.mediaJobs],
          WaitTimeSeconds: 1,
          MaxNumberOfMessages: 1,
        }),
      ),
    (o) => (o.Messages?.length ?? 0) > 0,
  );
  return parseEnvelope(out.Messages?.[0]?.Body ?? '');
}

test.serial('a video job is queued on media-jobs, follows progress and ends with a download URL', async (t) => {
  const team = await signUpTeam(api);
  const accepted = await team.owner.post('/v1/videos', { year: 2026 });
  t.is(accepted.status, 202);
  const { jobId } = accepted.body;
  const event = await nextJobEvent();
  t.is(event.type, 'video.requested');
  t.is(event.tenantId, team.tenant.id);
  // New members read Portuguese (the default) in São Paulo time; the cards name the team.
  t.like(event.data, {
    jobId,
    userId: team.user.id,
    userName: 'Olivia Owner',
    year: 2026,
    locale: 'pt-BR',
    timeZone: 'America/Sao_Paulo',
    tenantName: 'Acme Labs',
  });
  t.like((await team.owner.get(`/v1/jobs/${jobId}`)).body, {
    status: 'queued',
    progress: 0,
    kind: 'video',
    subjectName: 'Olivia Owner',
  });

  await publishResult(team.tenant.id, 'media.progress', { jobId, progress: 40, stage: 'rendering' });
  const running = await waitFor(
    () => team.owner.get(`/v1/jobs/${jobId}`),
    (r) => r.body.status === 'running',
  );
  t.like(running.body, { status: 'running', progress: 40, stage: 'rendering' });

  const key = `tenants/${team.tenant.id}/videos/${team.user.id}/2026-${jobId}.mp4`;
  await createS3Client({ region: 'us-east-1', endpoint: platform.api.deps.config.AWS_ENDPOINT_URL }).send(
    new PutObjectCommand({ Bucket: 'pocdojo-test', Key: key, Body: 'fake mp4 bytes', ContentType: 'video/mp4' }),
  );
  await publishResult(team.tenant.id, 'media.completed', { jobId, key, bytes: 14, contentType: 'video/mp4' });
  await publishResult(team.tenant.id, 'media.progress', { jobId, progress: 10 });
  const done = await waitFor(
    () => team.owner.get(`/v1/jobs/${jobId}`),
    (r) => r.body.status === 'succeeded',
  );
  t.like(done.body, { status: 'succeeded', progress: 100, result: { bytes: 14, contentType: 'video/mp4' } });
  const download = await fetch(done.body.result.url);
  t.is(await download.text(), 'fake mp4 bytes');
  await new Promise((r) => setTimeout(r, 500));
  t.is((await team.owner.get(`/v1/jobs/${jobId}`)).body.status, 'succeeded', 'late progress does not reopen the job');
  const list = await team.owner.get('/v1/jobs');
  t.deepEqual(
    list.body.items.map((j: { id: string }) => j.id),
    [jobId],
  );
});

test.serial(
  'a report job carries its scope and the requester language; failures are reported and a later success wins',
  async (t) => {
    const team = await signUpTeam(api, 'Equipe Ágil');
    t.is((await team.owner.patch('/v1/me', { locale: 'en' })).status, 200);
    const accepted = await team.owner.post('/v1/reports', {
      scope: 'tenant',
      from: '2026-01-01',
      to: '2026-12-31',
      format: 'pdf',
    });
    t.is(accepted.status, 202);
    const event = await nextJobEvent();
    t.is(event.type, 'report.requested');
    t.like(event.data, {
      jobId: accepted.body.jobId,
      userId: null,
      format: 'pdf',
      from: '2026-01-01',
      locale: 'en',
      tenantName: 'Equipe Ágil',
    });
    t.like((await team.owner.get(`/v1/jobs/${accepted.body.jobId}`)).body, {
      params: { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'pdf' },
      subjectName: null,
    });
    const { jobId } = accepted.body;
    await publishResult(team.tenant.id, 'media.failed', { jobId, error: 'renderer crashed' });
    const failed = await waitFor(
      () => team.owner.get(`/v1/jobs/${jobId}`),
      (r) => r.body.status === 'failed',
    );
    t.like(failed.body, { status: 'failed', error: 'renderer crashed' });
    const key = `tenants/${team.tenant.id}/reports/${jobId}.pdf`;
    await publishResult(team.tenant.id, 'media.completed', { jobId, key, bytes: 10, contentType: 'application/pdf' });
    const done = await waitFor(
      () => team.owner.get(`/v1/jobs/${jobId}`),
      (r) => r.body.status === 'succeeded',
    );
    t.is(done.body.status, 'succeeded');
  },
);

/** Resolves once media-results holds no message, visible or in flight: every result published so far was handled. */
async function mediaResultsDrained(): Promise<void> {
  const drained = await waitFor(
    () =>
      platform.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: platform.queueUrls[Queues.mediaResults],
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      ),
    (out) =>
      out.Attributes?.ApproximateNumberOfMessages === '0' &&
      out.Attributes?.ApproximateNumberOfMessagesNotVisible === '0',
  );
  if (drained.Attributes?.ApproximateNumberOfMessages !== '0') throw new Error('media-results was not drained');
}

test.serial('a result pointing outside the tenant prefix is refused', async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  const { jobId } = (await a.owner.post('/v1/videos', { year: 2025 })).body;
  await nextJobEvent();
  await publishResult(a.tenant.id, 'media.completed', {
    jobId,
    key: `tenants/${b.tenant.id}/videos/x.mp4`,
    bytes: 1,
    contentType: 'video/mp4',
  });
  await publishResult(b.tenant.id, 'media.completed', {
    jobId,
    key: `tenants/${b.tenant.id}/videos/x.mp4`,
    bytes: 1,
    contentType: 'video/mp4',
  });
  // Both were consumed (deleted from the queue), and neither changed the job.
  await mediaResultsDrained();
  t.like((await a.owner.get(`/v1/jobs/${jobId}`)).body, { status: 'queued', progress: 0 });
  // Positive control: the same consumer applies a result inside the tenant's prefix.
  await publishResult(a.tenant.id, 'media.completed', {
    jobId,
    key: `tenants/${a.tenant.id}/videos/x.mp4`,
    bytes: 1,
    contentType: 'video/mp4',
  });
  const done = await waitFor(
    () => a.owner.get(`/v1/jobs/${jobId}`),
    (r) => r.body.status === 'succeeded',
  );
  t.is(done.body.status, 'succeeded');
});

test.serial('members see only their own jobs; other tenants see none; members cannot ask about others', async (t) => {
  const team = await signUpTeam(api);
  const joined = await joinTeam(platform, team.owner, { email: 'v@example.com', name: 'Vic' });
  const member = joined.client;
  const invited = { body: { member: joined.body.user } };
  const ownersJob = (await team.owner.post('/v1/videos', { year: 2026 })).body.jobId;
  const forMember = (await team.owner.post('/v1/videos', { year: 2026, userId: invited.body.member.id })).body.jobId;
  await nextJobEvent();
  await nextJobEvent();
  t.is((await member.get(`/v1/jobs/${ownersJob}`)).status, 404);
  t.is((await member.get(`/v1/jobs/${forMember}`)).status, 200, 'a job about me is visible to me');
  t.is((await member.post('/v1/videos', { year: 2026, userId: team.user.id })).status, 403);
  t.is(
    (
      await member.post('/v1/reports', {
        scope: { userId: team.user.id },
        from: '2026-01-01',
        to: '2026-02-01',
        format: 'csv',
      })
    ).status,
    403,
  );
  const other = await signUpTeam(api);
  t.is((await other.owner.get(`/v1/jobs/${ownersJob}`)).status, 404);
  t.deepEqual((await other.owner.get('/v1/jobs')).body.items, []);
  const bad = await team.owner.post('/v1/reports', {
    scope: 'everyone',
    from: '2026-02-01',
    to: '2026-01-01',
    format: 'docx',
  });
  t.is(bad.status, 400);
  t.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['format', 'scope']);
});
