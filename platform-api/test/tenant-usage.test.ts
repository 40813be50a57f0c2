import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { Queues } from '@pocdojo/common/contracts/events';
import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { INTERNAL_TOKEN, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

/** The worker's completion of a video, through the real results queue. */
async function completeVideo(tenantId: string, jobId: string, bytes: number, durationSeconds: number) {
  await platform.sqs.send(
    new SendMessageCommand({
      QueueUrl: platform.queueUrls[Queues.mediaResults],
      MessageBody: JSON.stringify({
        id: randomUUID(),
        type: 'media.completed',
        tenantId,
        occurredAt: new Date().toISOString(),
        data: {
          jobId,
          key: `tenants/${tenantId}/videos/${jobId}.mp4`,
          bytes,
          contentType: 'video/mp4',
          durationSeconds,
        },
      }),
    }),
  );
}

test('usage per tenant matches the figures counted by hand, and a period outside the activity counts none of it', async (t) => {
  const x = await signUpTeam(api, 'Usage X');
  const y = await signUpTeam(api, 'Usage Y');
  const pocIds: string[] = [];
  for (const name of ['One', 'Two', 'Three']) {
    pocIds.push((await x.owner.post('/v1/pocs', { name, languages: ['go'] })).body.id);
  }
  await y.owner.post('/v1/pocs', { name: 'Only', languages: ['rust'] });
  for (const bytes of [1234, 766]) {
    const r = await x.owner.post(`/v1/pocs/${pocIds[0]}/attachments`, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      bytes,
    });
    t.is(r.status, 201);
  }
  await joinTeam(platform, x.owner, { email: `member-${randomUUID()}@example.com`, name: 'Mia Member' });
  // Invited but never joined: not an active user.
  await x.owner.post('/v1/invitations', { email: `later-${randomUUID()}@example.com`, role: 'member' });
  const videoA = (await x.owner.post('/v1/videos', { year: 2026 })).body.jobId;
  const videoB = (await x.owner.post('/v1/videos', { year: 2025 })).body.jobId;
  await x.owner.post('/v1/reports', { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'csv' });
  await completeVideo(x.tenant.id, videoA, 5000, 90);
  await completeVideo(x.tenant.id, videoB, 1000, 30);

  const operator = api.as(INTERNAL_TOKEN);
  const usage = async (query = '') => (await operator.get(`/internal/v1/usage${query}`)).body;
  const deadline = Date.now() + 15_000;
  let now = await usage();
  const rowOf = (body: typeof now, id: string) => body.items.find((row: { tenantId: string }) => row.tenantId === id);
  while (rowOf(now, x.tenant.id)?.videoMinutes !== 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    now = await usage();
  }
  // By hand: 3 POCs; 1234 + 766 attachment bytes + 5000 + 1000 video bytes; (90 + 30) s of video;
  // the owner (signup) and the member (accepted invitation) started sessions.
  t.deepEqual(rowOf(now, x.tenant.id), {
    tenantId: x.tenant.id,
    name: 'Usage X',
    plan: 'team',
    pocs: 3,
    storageBytes: 8000,
    videoMinutes: 2,
    reports: 1,
    videos: 2,
    activeUsers: 2,
  });
  t.like(rowOf(now, y.tenant.id), { pocs: 1, storageBytes: 0, videoMinutes: 0, reports: 0, videos: 0, activeUsers: 1 });

  const past = await usage(`?from=2020-01-01&to=2020-02-01&tenantId=${x.tenant.id}`);
  t.is(past.items.length, 1);
  t.like(past.items[0], { pocs: 3, storageBytes: 8000, videoMinutes: 0, reports: 0, videos: 0, activeUsers: 0 });
  t.is((await operator.get('/internal/v1/usage?from=not-a-date')).status, 400);
  t.is((await x.owner.get('/internal/v1/usage')).status, 401);
});
