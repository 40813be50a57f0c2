import test from 'ava';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

async function invite(team: Awaited<ReturnType<typeof signUpTeam>>, email: string, role = 'member') {
  const joined = await joinTeam(platform, team.owner, { email, name: email.split('@')[0] ?? 'x', role });
  return { reply: { status: joined.status, body: { member: joined.body.user } }, client: joined.client, login: joined };
}

test('an admin invites a member by e-mail, who joins through the link with their own password', async (t) => {
  const team = await signUpTeam(api);
  const { reply, client } = await invite(team, 'New.Person@Example.com');
  t.is(reply.status, 201);
  t.is(reply.body.member.email, 'new.person@example.com');
  t.is(reply.body.member.role, 'member');
  t.true(reply.body.member.emailVerified);
  t.is((await client.get('/v1/me')).body.email, 'new.person@example.com');
  const login = await api.post('/v1/auth/login', { email: 'new.person@example.com', password: STRONG_PASSWORD });
  t.is(login.status, 200);
  t.is(login.body.tenant.id, team.tenant.id);
  const list = await team.owner.get('/v1/members');
  t.deepEqual(
    list.body.items.map((m: { email: string }) => m.email),
    [team.email, 'new.person@example.com'],
  );
});

test('a member may not manage members', async (t) => {
  const team = await signUpTeam(api);
  const { client, reply } = await invite(team, 'plain@example.com');
  const denied = await client.post('/v1/invitations', { email: 'x@example.com', role: 'member' });
  t.is(denied.status, 403);
  t.is((await client.patch(`/v1/members/${reply.body.member.id}`, { role: 'admin' })).status, 403);
  t.is((await client.delete(`/v1/members/${team.user.id}`)).status, 403);
  t.is((await client.get('/v1/members')).status, 200);
});

test('a duplicate email is 409', async (t) => {
  const team = await signUpTeam(api);
  await invite(team, 'dup@example.com');
  const again = await team.owner.post('/v1/invitations', { email: 'DUP@example.com', role: 'member' });
  t.is(again.status, 409);
  t.is(again.body.code, 'email_taken');
  t.is((await team.owner.post('/v1/invitations', { email: 'pending@example.com' })).status, 201);
  const twice = await team.owner.post('/v1/invitations', { email: 'pending@example.com' });
  t.is(twice.status, 409);
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
    password: STRONG_PASSWORD,
  });
  const admin = api.as(adminLogin.body.accessToken);
  t.is((await admin.post('/v1/invitations', { email: 'o@example.com', role: 'owner' })).status, 403);
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
