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

type Team = Awaited<ReturnType<typeof signUpTeam>>;

/** Adds a member with `role` who logs in; returns their id, their client and their refresh token. */
async function join(team: Team, email: string, role: string) {
  const login = await joinTeam(platform, team.owner, { email, name: 'Someone', role });
  if (login.status !== 201) throw new Error(`joining failed: ${login.status}`);
  return { id: login.body.user.id as string, client: login.client, login: login.body };
}

const roleOf = async (team: Team, id: string) =>
  (await team.owner.get('/v1/members')).body.items.find((m: { id: string }) => m.id === id)?.role;

test('a demoted admin’s earlier token cannot put their role back, and their sessions end', async (t) => {
  const team = await signUpTeam(api);
  const admin = await join(team, 'demoted@example.com', 'admin');
  // Positive control: the token does carry admin rights while the row says admin.
  t.is((await admin.client.get('/v1/members')).status, 200);
  const other = await join(team, 'other@example.com', 'member');
  t.is((await admin.client.patch(`/v1/members/${other.id}`, { role: 'member' })).status, 200);

  t.is((await team.owner.patch(`/v1/members/${admin.id}`, { role: 'member' })).status, 200);
  const back = await admin.client.patch(`/v1/members/${admin.id}`, { role: 'admin' });
  t.is(back.status, 401);
  t.is(back.body.code, 'token_revoked');
  t.is(await roleOf(team, admin.id), 'member');
  const refreshed = await api.post('/v1/auth/refresh', { refreshToken: admin.login.refreshToken });
  t.is(refreshed.status, 401);
});

test('a removed admin’s token creates no member, deletes no one, and is 401 everywhere', async (t) => {
  const team = await signUpTeam(api);
  const admin = await join(team, 'removed-admin@example.com', 'admin');
  const victim = await join(team, 'victim@example.com', 'member');
  t.is((await team.owner.delete(`/v1/members/${admin.id}`)).status, 204);

  const created = await admin.client.post('/v1/invitations', { email: 'backdoor@example.com', role: 'admin' });
  t.is(created.status, 401);
  t.is(created.body.code, 'unauthenticated');
  t.is((await admin.client.delete(`/v1/members/${victim.id}`)).status, 401);
  t.is((await admin.client.patch(`/v1/members/${victim.id}`, { role: 'admin' })).status, 401);
  const members = (await team.owner.get('/v1/members')).body.items.map((m: { email: string }) => m.email);
  t.deepEqual(members.sort(), [team.email, 'victim@example.com'].sort());
  t.is(await roleOf(team, victim.id), 'member');
  t.is((await api.post('/v1/auth/refresh', { refreshToken: admin.login.refreshToken })).status, 401);
});

test('a removed member’s token gets a clean 401 on reads and on every write, dojo tickets included', async (t) => {
  const team = await signUpTeam(api);
  const member = await join(team, 'leaver@example.com', 'member');
  const dojo = await team.owner.post('/v1/dojos', {
    title: 'Kata',
    kataId: 'fizzbuzz',
    language: 'go',
    durationMinutes: 60,
    rotationMinutes: 7,
    editPolicy: 'everyone',
  });
  // Positive control: before removal the member may take a ticket.
  t.is((await member.client.post(`/v1/dojos/${dojo.body.id}/tickets`)).status, 201);
  t.is((await team.owner.delete(`/v1/members/${member.id}`)).status, 204);

  const calls: [string, string, unknown?][] = [
    ['GET', '/v1/me'],
    ['GET', '/v1/pocs'],
    ['GET', '/v1/members'],
    ['POST', '/v1/pocs', { name: 'Late', languages: ['go'] }],
    [
      'POST',
      '/v1/dojos',
      { title: 'Late', language: 'go', durationMinutes: 60, rotationMinutes: 7, editPolicy: 'everyone' },
    ],
    ['POST', '/v1/reports', { scope: 'me', from: '2026-01-01', to: '2026-12-31', format: 'csv' }],
    [
      'POST',
      '/v1/katas',
      {
        id: 'late-kata',
        title: 'Late',
        summary: 'Late',
        description: 'Late',
        difficulty: 'easy',
        tags: [],
        starters: { go: { files: { 'a.go': 'package a\n' } } },
      },
    ],
    ['POST', `/v1/dojos/${dojo.body.id}/tickets`],
    ['POST', '/v1/me/sign-out-everywhere'],
  ];
  for (const [method, path, body] of calls) {
    const reply = await member.client.request(method, path, body);
    t.is(reply.status, 401, `${method} ${path}`);
    t.is(reply.headers.get('content-type'), 'application/problem+json', `${method} ${path}`);
    t.is(reply.body.code, 'unauthenticated', `${method} ${path}`);
  }
  t.is((await team.owner.get('/v1/dojos')).body.items.length, 1);
  t.false((await team.owner.get('/v1/katas')).body.items.some((k: { id: string }) => k.id === 'late-kata'));
});

test('a promotion takes effect at once and a token never grants more than the row', async (t) => {
  const team = await signUpTeam(api);
  const member = await join(team, 'promoted@example.com', 'member');
  t.is((await member.client.post('/v1/invitations', { email: 'x@example.com' })).status, 403);
  t.is((await team.owner.patch(`/v1/members/${member.id}`, { role: 'admin' })).status, 200);
  // The old token is ended; a new login carries the new role.
  t.is((await member.client.get('/v1/me')).status, 401);
});
