import test from 'ava';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestNotifier, type TestNotifier } from './helpers/notifier.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

/**
 * notifier authorises with the member's current row in platform-api, as
 * platform-api itself does, not with the roles an access token remembers for
 * up to 15 minutes: real platform-api, real notifier, real tokens.
 */
let platform: TestPlatform;
let api: ApiClient;
let notifier: TestNotifier;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
  notifier = await startTestNotifier(platform);
});
test.after.always(async () => {
  await notifier?.stop();
  await platform?.close();
});

const asOn = (client: ApiClient) => new ApiClient(notifier.notifier.url, client.token);

test('a demoted admin’s earlier token no longer reads delivery status; a removed member’s token reads nothing', async (t) => {
  const team = await signUpTeam(api);
  const joined = await joinTeam(platform, team.owner, {
    email: 'admin-on-notifier@example.com',
    name: 'Adm',
    role: 'admin',
  });
  const admin = asOn(joined.client);
  // Positive controls: while the rows say admin and member, both tokens work.
  t.is((await admin.get('/v1/deliveries')).status, 200);
  const member = await joinTeam(platform, team.owner, { email: 'member-on-notifier@example.com', name: 'Mem' });
  t.is((await asOn(member.client).get('/v1/notifications')).status, 200);
  t.is((await asOn(member.client).get('/v1/deliveries')).status, 403, 'a member never sees deliveries');

  t.is((await team.owner.patch(`/v1/members/${joined.body.user.id}`, { role: 'member' })).status, 200);
  const demoted = await admin.get('/v1/deliveries');
  t.is(demoted.status, 401);
  t.is(demoted.body.code, 'token_revoked');

  // The demoted member logs in again: a token saying "member" reads the bell but not deliveries.
  const again = await api.post('/v1/auth/login', { email: 'admin-on-notifier@example.com', password: joined.password });
  const fresh = new ApiClient(notifier.notifier.url).as(again.body.accessToken);
  t.is((await fresh.get('/v1/notifications')).status, 200);
  t.is((await fresh.get('/v1/deliveries')).status, 403);

  t.is((await team.owner.delete(`/v1/members/${member.body.user.id}`)).status, 204);
  for (const path of ['/v1/notifications', '/v1/notification-preferences', '/v1/deliveries']) {
    const removed = await asOn(member.client).get(path);
    t.is(removed.status, 401, path);
    t.is(removed.body.code, 'unauthenticated', path);
  }
  t.is((await asOn(team.owner).get('/v1/deliveries')).status, 200, 'the owner still reads deliveries');
});
