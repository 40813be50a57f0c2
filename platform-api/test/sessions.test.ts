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

const login = (team: { slug: string; email: string }, password = STRONG_PASSWORD) =>
  api.post('/v1/auth/login', { tenant: team.slug, email: team.email, password });

test('a password change ends every other session, access and refresh tokens alike; the caller gets new ones', async (t) => {
  const team = await signUpTeam(api);
  const laptop = (await login(team)).body;
  // Positive control: the other session works before the change.
  t.is((await api.as(laptop.accessToken).get('/v1/me')).status, 200);

  const changed = await team.owner.post('/v1/me/password', {
    currentPassword: STRONG_PASSWORD,
    newPassword: 'another-Horse-battery-7',
  });
  t.is(changed.status, 200);
  t.is((await api.as(changed.body.accessToken).get('/v1/me')).status, 200);
  t.is((await api.post('/v1/auth/refresh', { refreshToken: changed.body.refreshToken })).status, 200);

  const oldAccess = await api.as(laptop.accessToken).get('/v1/me');
  t.is(oldAccess.status, 401);
  t.is(oldAccess.body.code, 'token_revoked');
  t.is((await api.post('/v1/auth/refresh', { refreshToken: laptop.refreshToken })).status, 401);
  t.is((await api.post('/v1/auth/refresh', { refreshToken: team.refreshToken })).status, 401);
  t.is((await team.owner.get('/v1/me')).status, 401);
  t.is((await login(team)).status, 401);
  t.is((await login(team, 'another-Horse-battery-7')).status, 200);
});

test('sign out everywhere ends every session of the account and no other account’s', async (t) => {
  const team = await signUpTeam(api);
  const phone = (await login(team)).body;
  const otherTeam = await signUpTeam(api);
  t.is((await api.as(phone.accessToken).post('/v1/me/sign-out-everywhere')).status, 204);
  for (const session of [phone, team]) {
    t.is((await api.as(session.accessToken).get('/v1/pocs')).status, 401);
    t.is((await api.post('/v1/auth/refresh', { refreshToken: session.refreshToken })).status, 401);
  }
  t.is((await otherTeam.owner.get('/v1/me')).status, 200);
  t.is((await api.post('/v1/auth/refresh', { refreshToken: otherTeam.refreshToken })).status, 200);
  // Signing in again works.
  const again = await login(team);
  t.is(again.status, 200);
  t.is((await api.as(again.body.accessToken).get('/v1/me')).status, 200);
});
