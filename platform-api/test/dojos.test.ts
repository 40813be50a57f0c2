import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { EventTypes, parseEnvelope, Queues } from '@pocdojo/common/contracts/events';
import { createTicketVerifier } from '@pocdojo/common/runtime/tokens';
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

const dojo = (overrides: Record<string, unknown> = {}) => ({
  title: 'Friday kata',
  kataId: 'roman-numerals',
  language: 'python',
  durationMinutes: 60,
  rotationMinutes: 7,
  editPolicy: 'driver',
  ...overrides,
});

test('the catalogue lists the ten classics with four languages, and a team adds its own', async (t) => {
  const { owner } = await signUpTeam(api);
  const list = await owner.get('/v1/katas');
  t.is(list.status, 200);
  t.true(list.body.items.length >= 10);
  for (const kata of list.body.items) t.deepEqual(kata.languages, ['typescript', 'python', 'java', 'go']);
  const full = await owner.get('/v1/katas/bowling-game');
  t.truthy(full.body.description);
  t.truthy(full.body.starters.go.files);
  const own = await owner.post('/v1/katas', {
    id: 'lift-kata',
    title: 'Lift',
    summary: 'Model a lift controller',
    description: 'Move people between floors.',
    difficulty: 'medium',
    tags: ['state-machines'],
    starters: { go: { files: { 'lift.go': 'package lift\n', 'lift_test.go': 'package lift\n' } } },
  });
  t.is(own.status, 201);
  t.deepEqual(own.body.languages, ['go']);
  const again = await owner.get('/v1/katas');
  t.true(again.body.items.some((k: { id: string; builtin: boolean }) => k.id === 'lift-kata' && !k.builtin));
  const clash = await owner.post('/v1/katas', {
    ...own.body,
    id: 'fizzbuzz',
    description: 'x',
    starters: { go: { files: { 'a.go': '' } } },
  });
  t.is(clash.status, 400);
  const other = await signUpTeam(api);
  t.is((await other.owner.get('/v1/katas/lift-kata')).status, 404);
});

test('a dojo is created with its creator as facilitator and listed by status', async (t) => {
  const { owner, user } = await signUpTeam(api);
  const live = await owner.post('/v1/dojos', dojo());
  t.is(live.status, 201);
  t.is(live.body.facilitatorId, user.id);
  t.is(live.body.status, 'live');
  const later = await owner.post('/v1/dojos', dojo({ scheduledAt: new Date(Date.now() + 86_400_000).toISOString() }));
  t.is(later.body.status, 'scheduled');
  const ended = await owner.patch(`/v1/dojos/${live.body.id}`, { finished: true });
  t.is(ended.body.status, 'finished');
  const ids = async (status: string) =>
    (await owner.get(`/v1/dojos?status=${status}`)).body.items.map((d: { id: string }) => d.id);
  t.deepEqual(await ids('scheduled'), [later.body.id]);
  t.deepEqual(await ids('finished'), [live.body.id]);
  t.deepEqual(await ids('live'), []);
});

test('dojo validation: unknown kata, missing language, rotation longer than the dojo', async (t) => {
  const { owner } = await signUpTeam(api);
  const cases = [
    [dojo({ kataId: 'no-such-kata' }), 'kataId'],
    [dojo({ language: 'cobol' }), 'language'],
    [dojo({ rotationMinutes: 90 }), 'rotationMinutes'],
    [dojo({ editPolicy: 'anyone' }), 'editPolicy'],
    [dojo({ durationMinutes: 0 }), 'durationMinutes'],
  ] as const;
  for (const [body, field] of cases) {
    const reply = await owner.post('/v1/dojos', body);
    t.is(reply.status, 400, field);
    t.is(reply.body.errors[0].field, field);
  }
});

test('tickets name the dojo, tenant, user and dojo role, carry the settings and starter files, and expire quickly', async (t) => {
  const team = await signUpTeam(api);
  const created = (await team.owner.post('/v1/dojos', dojo())).body;
  const patLogin = await joinTeam(platform, team.owner, { email: 'p@example.com', name: 'Pat' });
  const verify = createTicketVerifier({ jwksUrl: `${platform.url}/.well-known/jwks.json` });
  const facilitatorTicket = await team.owner.post(`/v1/dojos/${created.id}/tickets`);
  t.is(facilitatorTicket.status, 201);
  t.is(facilitatorTicket.body.roomName, 'dojo');
  t.true(facilitatorTicket.body.expiresIn <= 120);
  const claims = await verify(facilitatorTicket.body.ticket);
  t.is(claims.did, created.id);
  t.is(claims.tid, team.tenant.id);
  t.is(claims.sub, team.user.id);
  t.is(claims.drole, 'facilitator');
  t.is(claims.name, 'Olivia Owner');
  t.like(claims.dojo, { language: 'python', editPolicy: 'driver', rotationMinutes: 7, kataId: 'roman-numerals' });
  t.true(Object.keys(claims.dojo.files).some((path) => path.endsWith('.py')));
  const patTicket = await api.as(patLogin.body.accessToken).post(`/v1/dojos/${created.id}/tickets`);
  const patClaims = await verify(patTicket.body.ticket);
  t.is(patClaims.drole, 'participant');
  t.is(patClaims.name, 'Pat');
  const pat = api.as(patLogin.body.accessToken);
  t.is((await pat.patch(`/v1/dojos/${created.id}`, { title: 'Mine' })).status, 403);
  t.is((await pat.delete(`/v1/dojos/${created.id}`)).status, 403);
});

test("another tenant can neither see, change nor get a ticket for a team's dojo", async (t) => {
  const a = await signUpTeam(api);
  const b = await signUpTeam(api);
  const created = (await a.owner.post('/v1/dojos', dojo())).body;
  for (const reply of [
    await b.owner.get(`/v1/dojos/${created.id}`),
    await b.owner.patch(`/v1/dojos/${created.id}`, { title: 'x' }),
    await b.owner.delete(`/v1/dojos/${created.id}`),
    await b.owner.post(`/v1/dojos/${created.id}/tickets`),
  ]) {
    t.is(reply.status, 404);
  }
  t.deepEqual((await b.owner.get('/v1/dojos')).body.items, []);
  t.is((await a.owner.get(`/v1/dojos/${created.id}`)).body.title, 'Friday kata');
});

test("changing a dojo's settings publishes them to dojo-events, for the live room to apply", async (t) => {
  const team = await signUpTeam(api);
  const created = (await team.owner.post('/v1/dojos', dojo({ editPolicy: 'everyone' }))).body;
  const changed = await team.owner.patch(`/v1/dojos/${created.id}`, { editPolicy: 'driver', rotationMinutes: 5 });
  t.is(changed.status, 200);
  const queueUrl = platform.queueUrls[Queues.dojoEvents]!;
  const deadline = Date.now() + 15_000;
  let found: ReturnType<typeof parseEnvelope> | undefined;
  while (!found && Date.now() < deadline) {
    const out = await platform.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of out.Messages ?? []) {
      const envelope = parseEnvelope(message.Body ?? '');
      await platform.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      if (envelope.type === EventTypes.dojoSettingsChanged && envelope.data.dojoId === created.id) found = envelope;
    }
  }
  t.truthy(found, 'a dojo.settings_changed event was published');
  t.is(found?.tenantId, team.tenant.id);
  t.like(found?.data, {
    dojoId: created.id,
    settings: { editPolicy: 'driver', rotationMinutes: 5, version: changed.body.version },
  });
  t.true(changed.body.version > created.version);
});
