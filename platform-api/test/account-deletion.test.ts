import test from 'ava';
import pg from 'pg';
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

async function erasedEvents(userId: string): Promise<number> {
  const db = new pg.Client({ connectionString: platform.ownerUrl });
  await db.connect();
  try {
    const { rows } = await db.query(
      `select count(*)::int as n from outbox where type = 'member.erased' and payload -> 'data' ->> 'userId' = $1`,
      [userId],
    );
    return rows[0].n;
  } finally {
    await db.end();
  }
}

const dojo = {
  title: 'Friday kata',
  kataId: 'roman-numerals',
  language: 'python',
  durationMinutes: 60,
  rotationMinutes: 7,
  editPolicy: 'driver',
};

test('a member deletes their account: POCs and dojos go to the first owner, the engine is told, the audit says so', async (t) => {
  const team = await signUpTeam(api);
  const joined = await joinTeam(platform, team.owner, { email: `mia-${team.slug}@example.com`, name: 'Mia' });
  const mia = joined.client;
  const miaId = joined.body.user.id;
  const poc = (await mia.post('/v1/pocs', { name: 'Mia POC', languages: ['Go'] })).body;
  const session = (await mia.post('/v1/dojos', dojo)).body;
  t.truthy(session.id);

  const wrong = await mia.post('/v1/me/deletion', { password: 'not-my-password-1' });
  t.is(wrong.status, 401);
  t.is((await mia.get('/v1/me')).status, 200, 'a wrong password deletes nothing');

  t.is((await mia.post('/v1/me/deletion', { password: STRONG_PASSWORD })).status, 204);
  t.is((await mia.get('/v1/me')).status, 401, 'the account is gone at once');
  t.is(
    (await api.post('/v1/auth/login', { email: `mia-${team.slug}@example.com`, password: STRONG_PASSWORD })).status,
    401,
  );
  const kept = await team.owner.get(`/v1/pocs/${poc.id}`);
  t.is(kept.status, 200);
  t.is(kept.body.ownerId, team.user.id, 'transferred to the owner (the default)');
  t.is((await team.owner.get(`/v1/dojos/${session.id}`)).body.facilitatorId, team.user.id);
  t.false((await team.owner.get('/v1/members')).body.items.some((m: { id: string }) => m.id === miaId));
  const [entry] = (await team.owner.get('/v1/audit?action=account.deleted')).body.items;
  t.like(entry, { actorId: miaId, targetId: miaId, details: { pocs: 'transfer', count: 1 } });
  t.is(await erasedEvents(miaId), 1, 'dojo-engine is told to anonymise their chat');
});

test("with the owners' choice 'delete', the POCs go with the account; the last owner cannot leave", async (t) => {
  const team = await signUpTeam(api);
  t.is(
    (await team.owner.patch('/v1/team/settings', { departingMemberPocs: 'delete' })).body.departingMemberPocs,
    'delete',
  );
  const joined = await joinTeam(platform, team.owner, { email: `leo-${team.slug}@example.com`, name: 'Leo' });
  const poc = (await joined.client.post('/v1/pocs', { name: 'Leo POC', languages: ['Go'] })).body;
  t.is((await joined.client.post('/v1/me/deletion', { password: STRONG_PASSWORD })).status, 204);
  t.is((await team.owner.get(`/v1/pocs/${poc.id}`)).status, 404);

  const alone = await team.owner.post('/v1/me/deletion', { password: STRONG_PASSWORD });
  t.is(alone.status, 409);
  t.is(alone.body.code, 'last_owner');
  t.is((await team.owner.get('/v1/me')).status, 200);
});
