import test from 'ava';
import pg from 'pg';
import { currentCode } from '../src/domain/two-factor.ts';
import { ApiClient, type ApiClient as Client, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

/** The code an authenticator shows `steps` periods from now (the enrolment used the current one). */
const codeIn = (secret: string, steps: number) => currentCode(secret, Date.now() + steps * 30_000);

async function enrol(client: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await client.post('/v1/me/mfa/enrolment');
  if (started.status !== 200) throw new Error(`enrolment: ${started.status} ${JSON.stringify(started.body)}`);
  const confirmed = await client.post('/v1/me/mfa/enrolment/confirm', { code: currentCode(started.body.secret) });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

const login = (email: string) => api.post('/v1/auth/login', { email, password: STRONG_PASSWORD });

test('enrolment by QR code, then a login needs a code from the app, each code good once', async (t) => {
  const { owner, email, user } = await signUpTeam(api);
  t.like((await owner.get('/v1/me/mfa')).body, { enabled: false, recoveryCodesLeft: 0, requiredByTeam: false });

  const started = await owner.post('/v1/me/mfa/enrolment');
  t.is(started.status, 200);
  t.regex(started.body.secret, /^[A-Z2-7]{32}$/);
  t.true(started.body.otpauthUri.startsWith('otpauth://totp/PocDojo:'));
  t.true(started.body.otpauthUri.includes(`secret=${started.body.secret}`));
  t.regex(started.body.qrSvg, /^<svg[\s\S]*<\/svg>\s*$/);
  const wrong = await owner.post('/v1/me/mfa/enrolment/confirm', { code: '000000' });
  t.is(wrong.status, 400);
  t.is(wrong.body.errors[0].field, 'code');
  t.like((await owner.get('/v1/me/mfa')).body, { enabled: false }, 'a wrong code enables nothing');
  const confirmed = await owner.post('/v1/me/mfa/enrolment/confirm', { code: currentCode(started.body.secret) });
  t.is(confirmed.status, 200);
  t.is(confirmed.body.recoveryCodes.length, 10);
  t.is(new Set(confirmed.body.recoveryCodes).size, 10);
  t.like((await owner.get('/v1/me/mfa')).body, { enabled: true, recoveryCodesLeft: 10 });
  const db = new pg.Client({ connectionString: platform.ownerUrl });
  await db.connect();
  const stored = (
    await db.query<{ code_hash: string }>('select code_hash from mfa_recovery_codes where user_id = $1', [user.id])
  ).rows;
  await db.end();
  t.is(stored.length, 10);
  t.true(
    stored.every((row) => row.code_hash.startsWith('$argon2id$')),
    'only hashes are stored',
  );
  t.false(stored.some((row) => confirmed.body.recoveryCodes.some((code: string) => row.code_hash.includes(code))));

  const first = await login(email);
  t.is(first.status, 200);
  t.true(first.body.mfaRequired);
  t.is(first.body.accessToken, undefined, 'no session before the second step');
  const bad = await api.post('/v1/auth/login/mfa', { mfaToken: first.body.mfaToken, code: '123456' });
  t.is(bad.status, 401);
  t.is(bad.body.code, 'mfa_code_invalid');
  const next = codeIn(started.body.secret, 1);
  const done = await api.post('/v1/auth/login/mfa', { mfaToken: first.body.mfaToken, code: next });
  t.is(done.status, 200);
  t.truthy(done.body.accessToken);
  t.is((await api.as(done.body.accessToken).get('/v1/pocs')).status, 200);

  const again = await login(email);
  const replay = await api.post('/v1/auth/login/mfa', { mfaToken: again.body.mfaToken, code: next });
  t.is(replay.status, 401, 'a code that was used does not work twice');
  const forged = await api.post('/v1/auth/login/mfa', { mfaToken: `${again.body.mfaToken}x`, code: next });
  t.is(forged.status, 401);
  t.is(forged.body.code, 'unauthenticated');

  const audit = (await owner.get('/v1/audit?limit=200')).body.items.map((e: { action: string }) => e.action);
  t.true(audit.includes('auth.mfa_enabled'));
  t.true(audit.includes('auth.mfa_failed'));
});

test('a recovery code works once, instead of a code', async (t) => {
  const { owner, email } = await signUpTeam(api);
  const { recoveryCodes } = await enrol(owner);
  const challenge = await login(email);
  const typed = ` ${recoveryCodes[3]!.toUpperCase()} `;
  const done = await api.post('/v1/auth/login/mfa', { mfaToken: challenge.body.mfaToken, recoveryCode: typed });
  t.is(done.status, 200, JSON.stringify(done.body));
  t.truthy(done.body.accessToken);
  const again = await login(email);
  const reused = await api.post('/v1/auth/login/mfa', {
    mfaToken: again.body.mfaToken,
    recoveryCode: recoveryCodes[3],
  });
  t.is(reused.status, 401);
  t.is(reused.body.code, 'mfa_code_invalid');
  const client = api.as(done.body.accessToken);
  t.like((await client.get('/v1/me/mfa')).body, { recoveryCodesLeft: 9 });
  const both = await api.post('/v1/auth/login/mfa', {
    mfaToken: again.body.mfaToken,
    code: '123456',
    recoveryCode: recoveryCodes[0],
  });
  t.is(both.status, 400);
  const audit = (await client.get('/v1/audit?action=auth.mfa_recovery_code_used')).body.items;
  t.is(audit.length, 1);
});

test('the second step is rate-limited per account: after five wrong codes even the right one waits', async (t) => {
  const { owner, email } = await signUpTeam(api);
  const { secret } = await enrol(owner);
  const challenge = await login(email);
  for (let i = 0; i < 5; i++) {
    const wrong = await api.post('/v1/auth/login/mfa', { mfaToken: challenge.body.mfaToken, code: '000000' });
    t.is(wrong.status, 401);
  }
  const limited = await api.post('/v1/auth/login/mfa', { mfaToken: challenge.body.mfaToken, code: codeIn(secret, 1) });
  t.is(limited.status, 429);
  t.truthy(limited.headers.get('retry-after'));
});

test('an owner requires two-factor login: members without it reach only the enrolment until they enrol', async (t) => {
  const team = await signUpTeam(api);
  const joined = await joinTeam(platform, team.owner, { email: `zoe-${team.slug}@example.com`, name: 'Zoe' });
  const member = joined.client;
  t.is((await member.patch('/v1/team/settings', { requireMfa: true })).status, 403, 'members do not set it');
  const set = await team.owner.patch('/v1/team/settings', { requireMfa: true });
  t.is(set.status, 200);
  t.true(set.body.requireMfa);

  const blocked = await member.get('/v1/pocs');
  t.is(blocked.status, 403);
  t.is(blocked.body.code, 'mfa_enrolment_required');
  t.is((await member.get('/v1/me')).status, 200);
  t.like((await member.get('/v1/me/mfa')).body, { enabled: false, requiredByTeam: true });
  const { secret } = await enrol(member);
  t.is((await member.get('/v1/pocs')).status, 200, 'enrolled: the app opens again');

  const off = await member.post('/v1/me/mfa/disable', { password: STRONG_PASSWORD, code: codeIn(secret, 1) });
  t.is(off.status, 409);
  t.is(off.body.code, 'mfa_required_by_team');
  t.like((await member.get('/v1/me/mfa')).body, { enabled: true });

  t.is((await team.owner.patch('/v1/team/settings', { requireMfa: false })).status, 403, 'the owner has not enrolled');
  await enrol(team.owner);
  t.is((await team.owner.patch('/v1/team/settings', { requireMfa: false })).status, 200);
  const offNow = await member.post('/v1/me/mfa/disable', { password: STRONG_PASSWORD, code: codeIn(secret, 1) });
  t.is(offNow.status, 204);
  t.like((await member.get('/v1/me/mfa')).body, { enabled: false, recoveryCodesLeft: 0 });
  const plain = await login(joined.body.user.email);
  t.truthy(plain.body.accessToken, 'without two-factor login the password is enough again');
});
