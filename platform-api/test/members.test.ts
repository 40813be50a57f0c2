import test from 'ava';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

async function invite(team: Awaited<ReturnType<typeof signUpTeam>>, email: string, role = 'member') {
  const reply = await team.owner.post('/v1/members', { email, name: email.split('@')[0], role });
  const login = await api.post('/v1/auth/login', { tenant: team.slug, email, password: reply.body.temporaryPassword });
  return { reply, client: api.as(login.body.accessToken), login };
}

test('an admin invites a member, who logs in with the one-time password and must change it', async (t) => {
  const team = await signUpTeam(api);
  const { reply, login, client } = await invite(team, 'New.Person@Example.com');
  t.is(reply.status, 201);
  t.is(reply.body.member.email, 'new.person@example.com');
  t.is(reply.body.member.role, 'member');
  t.true(reply.body.member.mustChangePassword);
  t.is(login.status, 200);
  t.true(login.body.user.mustChangePassword);
  const changed = await client.post('/v1/me/password', {
    currentPassword: reply.body.temporaryPassword,
    newPassword: STRONG_PASSWORD,
  });
  t.is(changed.status, 204);
  // The member's session lives on: its refresh gives an access token of the new token version.
  const renewed = await api.post('/v1/auth/refresh', { refreshToken: login.body.refreshToken });
  t.is(renewed.status, 200);
  t.false((await api.as(renewed.body.accessToken).get('/v1/me')).body.mustChangePassword);
  const list = await team.owner.get('/v1/members');
  t.deepEqual(
    list.body.items.map((m: { email: string }) => m.email),
    [team.email, 'new.person@example.com'],
  );
});

test('a member may not manage members', async (t) => {
  const team = await signUpTeam(api);
  const { client, reply } = await invite(team, 'plain@example.com');
  const denied = await client.post('/v1/members', { email: 'x@example.com', name: 'X', role: 'member' });
  t.is(denied.status, 403);
  t.is((await client.patch(`/v1/members/${reply.body.member.id}`, { role: 'admin' })).status, 403);
  t.is((await client.delete(`/v1/members/${team.user.id}`)).status, 403);
  t.is((await client.get('/v1/members')).status, 200);
});

test('a duplicate email is 409', async (t) => {
  const team = await signUpTeam(api);
  await invite(team, 'dup@example.com');
  const again = await team.owner.post('/v1/members', { email: 'DUP@example.com', name: 'Dup', role: 'member' });
  t.is(again.status, 409);
  t.is(again.body.code, 'email_taken');
});

test('roles change; an admin cannot create or touch owners; the last owner stays', async (t) => {
  const team = await signUpTeam(api);
  const { reply } = await invite(team, 'second@example.com');
  const promoted = await team.owner.patch(`/v1/members/${reply.body.member.id}`, { role: 'admin' });
  t.is(promoted.status, 200);
  t.is(promoted.body.role, 'admin');
  const adminLogin = await api.post('/v1/auth/login', {
    tenant: team.slug,
    email: 'second@example.com',
    password: reply.body.temporaryPassword,
  });
  const admin = api.as(adminLogin.body.accessToken);
  t.is((await admin.post('/v1/members', { email: 'o@example.com', name: 'O', role: 'owner' })).status, 403);
  t.is((await admin.patch(`/v1/members/${team.user.id}`, { role: 'member' })).status, 403);
  const lastOwner = await team.owner.patch(`/v1/members/${team.user.id}`, { role: 'admin' });
  t.is(lastOwner.status, 409);
  t.is(lastOwner.body.code, 'last_owner');
  t.is((await team.owner.delete(`/v1/members/${team.user.id}`)).status, 409);
});

test('a member who owns POCs cannot be removed until they are transferred', async (t) => {
  const team = await signUpTeam(api);
  const { reply, client } = await invite(team, 'leaver@example.com');
  const created = (await client.post('/v1/pocs', { name: 'Left behind', languages: ['go'] })).body;
  const blocked = await team.owner.delete(`/v1/members/${reply.body.member.id}`);
  t.is(blocked.status, 409);
  t.is(blocked.body.code, 'member_has_pocs');
  const moved = await team.owner.patch(`/v1/pocs/${created.id}`, { ownerId: team.user.id }, { 'if-match': '"1"' });
  t.is(moved.status, 200);
  t.is((await team.owner.delete(`/v1/members/${reply.body.member.id}`)).status, 204);
  t.is((await team.owner.get('/v1/members')).body.items.length, 1);

  // Their access token lives on for its few minutes; it can no longer register anything.
  const late = await client.post('/v1/pocs', { name: 'After leaving', languages: ['go'] });
  t.is(late.status, 401);
  t.is(late.body.code, 'unauthenticated');
  t.deepEqual(
    (await team.owner.get('/v1/pocs')).body.items.map((poc: { name: string }) => poc.name),
    ['Left behind'],
  );
});
