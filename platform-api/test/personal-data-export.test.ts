import { randomUUID } from 'node:crypto';
import { createLogger } from '@pocdojo/common/logger';
import { freePort } from '@pocdojo/common/ports';
import test from 'ava';
import { strFromU8, unzipSync } from 'fflate';
import { createDojoServer, type DojoServer } from '../../dojo-engine/src/server.ts';
import { createMigratedDatabase } from '../../dojo-engine/test/helpers/database.ts';
import { eventually, TestDojoClient } from '../../dojo-engine/test/helpers/dojo-client.ts';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startMediaWorker } from './helpers/media-worker.ts';
import { startTestNotifier, type TestNotifier } from './helpers/notifier.ts';
import { INTERNAL_TOKEN, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let engine: DojoServer;
let engineDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
let notifier: TestNotifier;
let worker: Awaited<ReturnType<typeof startMediaWorker>> | undefined;
let api: ApiClient;

test.before(async () => {
  const enginePort = await freePort();
  platform = await startTestPlatform({ DOJO_ENGINE_URL: `http://127.0.0.1:${enginePort}` });
  engineDb = await createMigratedDatabase();
  engine = createDojoServer({
    port: enginePort,
    host: '127.0.0.1',
    databaseUrl: engineDb.appUrl,
    keys: { jwksUrl: `${platform.url}/.well-known/jwks.json` },
    room: { emptyGraceMs: 200, reconnectSeconds: 1 },
    internalToken: INTERNAL_TOKEN,
    logger: createLogger('dojo-engine-test', process.env.LOG_LEVEL ?? 'silent'),
  });
  await engine.listen();
  notifier = await startTestNotifier(platform);
  api = new ApiClient(platform.url);
});

test.after.always(async () => {
  await worker?.stop();
  await engine?.close();
  await engineDb?.drop();
  await notifier?.stop();
  await platform?.close();
});

/** The real media worker, reading from all three services (started by the first test that needs it). */
async function startWorker() {
  worker ??= await startMediaWorker(platform, {
    DOJO_ENGINE_URL: engine.url,
    NOTIFIER_URL: notifier.notifier.url,
    MEDIA_RETRY_BASE_SECONDS: '1',
  });
}

async function finished(client: ApiClient, jobId: string) {
  const deadline = Date.now() + 120_000;
  const stages = new Set<string>();
  for (;;) {
    const job = (await client.get(`/v1/jobs/${jobId}`)).body;
    if (job.stage) stages.add(job.stage);
    if (job.status === 'succeeded' || job.status === 'failed' || Date.now() > deadline) return { job, stages };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A member who typed and chatted in a dojo, with a test run, beside the owner doing the same. */
async function dojoWithBoth(owner: ApiClient, member: ApiClient, tenantId: string, memberId: string) {
  const dojo = (
    await owner.post('/v1/dojos', {
      title: 'Numerais romanos',
      kataId: 'roman-numerals',
      language: 'typescript',
      durationMinutes: 30,
      rotationMinutes: 5,
      editPolicy: 'everyone',
      scheduledAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    })
  ).body;
  const ownerClient = await TestDojoClient.join(
    engine.url,
    (await owner.post(`/v1/dojos/${dojo.id}/tickets`)).body.ticket,
    {
      relay: true,
    },
  );
  const memberClient = await TestDojoClient.join(
    engine.url,
    (await member.post(`/v1/dojos/${dojo.id}/tickets`)).body.ticket,
    { relay: true },
  );
  await eventually(() => Object.keys(memberClient.doc.files ?? {}).length > 0, 10_000, 'starter files');
  const file = Object.keys(memberClient.doc.files).find((path) => !path.includes('test'))!;
  memberClient.type(file, 0, '// typed by Maria\n');
  ownerClient.room.send('chat', { text: 'owner says hi' });
  memberClient.room.send('chat', { text: 'Olá, sou a Maria' });
  await eventually(() => ownerClient.chat.length >= 2 && memberClient.chat.length >= 2, 10_000, 'chat');
  await eventually(() => ownerClient.text(file)?.includes('typed by Maria') ?? false, 10_000, 'edit relayed');
  ownerClient.type(file, 0, '// typed by the owner\n');
  await eventually(() => memberClient.text(file)?.includes('typed by the owner') ?? false, 10_000, 'owner edit');
  await eventually(
    () => [...engine.metrics.rooms].every((room) => room.persistBacklog() === 0),
    30_000,
    'changes committed',
  );
  await engine.store.appendHistory([
    {
      dojoId: dojo.id,
      tenantId: tenantId as never,
      kind: 'test_run',
      userId: memberId as never,
      name: 'Maria Member',
      data: { runId: randomUUID(), colour: 'green', summary: '3 passed' },
      at: Date.now(),
    },
  ]);
  await memberClient.leave();
  await ownerClient.leave();
  return { dojo, file };
}

test.serial(
  "a member's export holds their profile, POCs, attachment bytes, dojo records, notifications and audit — nobody else's",
  async (t) => {
    const team = await signUpTeam(api, 'Equipe Acme');
    const { owner } = team;
    const joined = await joinTeam(platform, owner, {
      email: `maria-${randomUUID()}@example.com`,
      name: 'Maria Member',
    });
    const maria = joined.client;
    const mariaId = joined.body.user.id as string;
    await maria.patch('/v1/me', { locale: 'pt-BR' });

    // Maria's POC with an attachment; the owner's POC beside it.
    const created = await maria.post('/v1/pocs', { name: 'Integração Kafka', languages: ['go'], tags: ['lgpd'] });
    t.is(created.status, 201, JSON.stringify(created.body));
    const poc = created.body;
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const uploading = await maria.post(`/v1/pocs/${poc.id}/attachments`, {
      fileName: 'diagrama final.png',
      contentType: 'image/png',
      bytes: bytes.length,
    });
    t.is(uploading.status, 201, JSON.stringify(uploading.body));
    const upload = uploading.body;
    t.is((await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: bytes })).status, 200);
    const ownerPoc = (await owner.post('/v1/pocs', { name: 'Owner secret POC', languages: ['rust'] })).body;

    const { dojo } = await dojoWithBoth(owner, maria, team.tenant.id, mariaId);
    // The scheduled dojo reached both members' bells (notifier); the owner also heard Maria joined.
    await notifier.inbox.waitFor(
      () => notifier.inbox.emails.find((mail) => mail.to.includes(joined.body.user.email)),
      60_000,
    );

    // Another tenant, with a member of its own asking nothing.
    const other = await signUpTeam(api, 'Other team');
    await other.owner.post('/v1/pocs', { name: 'Other tenant POC', languages: ['go'] });

    // The first request is queued; while it waits (no worker yet), a second one is refused clearly.
    const first = await maria.post('/v1/me/exports');
    t.is(first.status, 202, JSON.stringify(first.body));
    t.is(first.headers.get('location'), `/v1/jobs/${first.body.jobId}`);
    const second = await maria.post('/v1/me/exports');
    t.is(second.status, 409);
    t.is(second.body.code, 'export_in_progress');
    t.regex(second.body.detail, /já está sendo preparada/, 'in her language');

    // Only Maria sees the job: not her team's owner, not another tenant.
    t.is((await owner.get(`/v1/jobs/${first.body.jobId}`)).status, 404);
    t.is((await other.owner.get(`/v1/jobs/${first.body.jobId}`)).status, 404);

    await startWorker();
    const { job, stages } = await finished(maria, first.body.jobId);
    t.is(job.status, 'succeeded', JSON.stringify(job));
    t.is(job.kind, 'personal_data');
    t.true(stages.size > 0, 'progress was reported');
    t.is(job.result.contentType, 'application/zip');
    t.true(decodeURIComponent(job.result.url).includes(`tenants/${team.tenant.id}/exports/${mariaId}/`));
    t.is((await owner.get(`/v1/jobs/${first.body.jobId}`)).status, 404, 'still not the owner’s, once done');
    t.is((await other.owner.get(`/v1/jobs/${first.body.jobId}`)).status, 404);

    const download = await fetch(job.result.url);
    t.regex(download.headers.get('content-disposition') ?? '', /pocdojo-data-\d{4}-\d{2}-\d{2}\.zip/);
    const zipped = new Uint8Array(await download.arrayBuffer());
    t.is(zipped.byteLength, job.result.bytes);
    const files = unzipSync(zipped);
    const read = (name: string) => JSON.parse(strFromU8(files[name]!));
    t.deepEqual(
      Object.keys(files)
        .filter((name) => !name.startsWith('attachments/'))
        .sort(),
      ['README.txt', 'audit.json', 'dojos.json', 'manifest.json', 'notifications.json', 'pocs.json', 'profile.json'],
    );

    // README and manifest in Maria's language.
    const readme = strFromU8(files['README.txt']!);
    t.regex(readme, /Seus dados no PocDojo: Maria Member/);
    t.regex(readme, /Equipe: Equipe Acme/);
    t.regex(readme, /pocs\.json: a 1 POC que você possui/);
    const manifest = read('manifest.json');
    t.like(manifest, { format: 'pocdojo-personal-data', version: 1, locale: 'pt-BR', member: { id: mariaId } });
    t.deepEqual(manifest.missing, []);

    // Profile: hers, without secrets.
    const profile = read('profile.json');
    t.like(profile, { profile: { id: mariaId, name: 'Maria Member', role: 'member' }, team: { name: 'Equipe Acme' } });
    const profileText = strFromU8(files['profile.json']!);
    for (const secret of ['password', 'passwordHash', 'mfaSecret', 'tokenVersion', 'argon2']) {
      t.false(profileText.includes(secret), `no ${secret} in the profile`);
    }

    // POCs: hers only, with the attachment's original bytes.
    const pocs = read('pocs.json').pocs;
    t.deepEqual(
      pocs.map((p: { id: string }) => p.id),
      [poc.id],
    );
    const [attachment] = pocs[0].attachments;
    t.is(attachment.fileName, 'diagrama final.png');
    t.false('key' in attachment, 'no storage key');
    t.true(Buffer.from(files[attachment.path]!).equals(bytes), 'the attachment byte for byte');

    // Dojo: her chat, her edits (with the text she typed), her run; none of the owner's.
    const dojos = read('dojos.json').dojos;
    t.is(dojos.length, 1);
    t.like(dojos[0], { dojoId: dojo.id, title: 'Numerais romanos' });
    t.deepEqual(
      dojos[0].chatMessages.map((m: { text: string }) => m.text),
      ['Olá, sou a Maria'],
    );
    t.true(dojos[0].edits.length > 0);
    t.true(
      dojos[0].edits.some((edit: { inserted: string; files: string[] }) => edit.inserted.includes('typed by Maria')),
    );
    t.true(dojos[0].edits.every((edit: { files: string[] }) => edit.files.length > 0));
    t.deepEqual(
      dojos[0].testRuns.map((run: { colour: string }) => run.colour),
      ['green'],
    );

    // Notifications addressed to her; audit entries by or about her.
    const notifications = read('notifications.json');
    t.true(notifications.notifications.some((n: { kind: string }) => n.kind === 'dojo.scheduled'));
    t.false(notifications.notifications.some((n: { kind: string }) => n.kind === 'member.added'));
    t.true(notifications.deliveries.every((d: { email: string }) => d.email === joined.body.user.email));
    const audit = read('audit.json').entries;
    t.true(audit.some((e: { action: string; byYou: boolean }) => e.action === 'invitation.accepted' && e.byYou));
    t.true(audit.some((e: { action: string }) => e.action === 'export.personal_data_requested'));

    // Nothing of the owner's or the other tenant's anywhere in the archive.
    const everything = Object.entries(files)
      .filter(([name]) => !name.startsWith('attachments/'))
      .map(([, content]) => strFromU8(content))
      .join('\n');
    for (const foreign of [
      'owner says hi',
      'typed by the owner',
      'Owner secret POC',
      ownerPoc.id,
      team.user.id,
      team.email,
      'Other tenant POC',
      other.tenant.id,
    ]) {
      t.false(everything.includes(foreign), `${foreign} is not in Maria's archive`);
    }

    // Maria hears it is ready, in her language, with a link to her account page.
    const mail = await notifier.mailTo(joined.body.user.email, /arquivo com seus dados está pronto/);
    t.regex(mail.text, /\/account/);

    // The export is in the team's audit log, by Maria.
    const logged = (await owner.get('/v1/audit?action=export.personal_data_requested')).body.items;
    t.like(logged[0], { actorId: mariaId, targetId: first.body.jobId });
  },
);

test.serial('a member may ask for three exports a day; the fourth gets a clear 429 with Retry-After', async (t) => {
  await startWorker();
  const { owner } = await signUpTeam(api);
  t.is((await owner.patch('/v1/me', { locale: 'en' })).status, 200);
  for (let i = 0; i < 3; i++) {
    const reply = await owner.post('/v1/me/exports');
    t.is(reply.status, 202, JSON.stringify(reply.body));
    t.is((await finished(owner, reply.body.jobId)).job.status, 'succeeded');
  }
  const refused = await owner.post('/v1/me/exports');
  t.is(refused.status, 429);
  t.is(refused.body.code, 'rate_limited');
  t.regex(refused.body.detail, /3 exports of your data a day/);
  t.true(Number(refused.headers.get('retry-after')) > 0);
});

test('the internal routes want the internal token', async (t) => {
  const query = `tenantId=${randomUUID()}&userId=${randomUUID()}`;
  for (const url of [
    `${platform.url}/internal/v1/personal-data?${query}`,
    `${engine.url}/internal/v1/member-data?${query}`,
    `${notifier.notifier.url}/internal/v1/member-data?${query}`,
  ]) {
    t.is((await fetch(url)).status, 401, url);
    t.is((await fetch(url, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status, 401, url);
  }
  // A member of no tenant reads as absent, not as someone else's data.
  const missing = await fetch(`${platform.url}/internal/v1/personal-data?${query}`, {
    headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
  });
  t.is(missing.status, 404);
});
