import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import pg from 'pg';
import { loadNotifierConfig } from '../../notifier/src/config.ts';
import { LocalInbox, type ReceivedEmail } from '../../notifier/src/dev-inbox/local-inbox.ts';
import { type RunningNotifier, startNotifier } from '../../notifier/src/notifier.ts';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { INTERNAL_TOKEN, startTestPlatform, TEST_LINK_SEALING_KEY, type TestPlatform } from './helpers/platform.ts';

/**
 * The people flows end to end, as a person meets them: platform-api publishes
 * through its outbox to SQS (the emulator), the real notifier renders and sends
 * over SMTP to the real local inbox, and every link is read from the e-mail.
 */
let platform: TestPlatform;
let api: ApiClient;
let inbox: LocalInbox;
let notifier: RunningNotifier;
let dropNotifierDb: () => Promise<void>;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
  inbox = new LocalInbox({ smtpPort: 0, httpPort: 0 });
  await inbox.start();
  const db = await createTestDatabase('notifier');
  dropNotifierDb = db.drop;
  notifier = await startNotifier(
    loadNotifierConfig({
      PORT: '0',
      METRICS_PORT: '0',
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      AWS_ENDPOINT_URL: platform.awsEndpoint,
      SQS_WAIT_SECONDS: '1',
      SMTP_URL: inbox.smtpUrl,
      LOCAL_PUSH_URL: inbox.httpUrl,
      WEB_PUBLIC_URL: 'http://app.pocdojo.test',
      JWKS_URL: `${platform.url}/.well-known/jwks.json`,
      PLATFORM_API_URL: platform.url,
      INTERNAL_TOKEN,
      LINK_SEALING_KEY: TEST_LINK_SEALING_KEY,
      POLL_INTERVAL_MS: '100',
    }),
    createLogger('notifier-test', process.env.LOG_LEVEL ?? 'silent'),
  );
});
test.after.always(async () => {
  await notifier?.stop();
  await inbox?.stop();
  await platform?.close();
  await dropNotifierDb?.();
});

const mailTo = (address: string, subject: RegExp, after = 0): Promise<ReceivedEmail> =>
  inbox.waitFor(() => inbox.emails.slice(after).find((e) => e.to.includes(address) && subject.test(e.subject)), 60_000);

/** The web-app link in an e-mail's plain text, and its token. */
function linkIn(email: ReceivedEmail): { url: URL; token: string } {
  const match = /http:\/\/app\.pocdojo\.test\/\S+/.exec(email.text);
  if (!match) throw new Error(`no app link in: ${email.text}`);
  const url = new URL(match[0]);
  return { url, token: url.searchParams.get('token') ?? '' };
}

test.serial('invitation → e-mail → link → account → login with e-mail and password alone', async (t) => {
  const team = await signUpTeam(api, 'Acme Labs');
  const verify = await mailTo(team.email, /Confirm your e-mail|Confirme seu e-mail/);
  const verified = await api.post('/v1/auth/verify-email', { token: linkIn(verify).token });
  t.is(verified.status, 200);
  t.true((await team.owner.get('/v1/me')).body.emailVerified);
  t.is((await api.post('/v1/auth/verify-email', { token: linkIn(verify).token })).status, 410);

  const invited = await team.owner.post('/v1/invitations', { email: 'carla@people.test', role: 'admin', locale: 'en' });
  t.is(invited.status, 201);
  t.is((await team.owner.get('/v1/invitations')).body.items.length, 1);
  const email = await mailTo('carla@people.test', /invited you to Acme Labs/);
  t.regex(email.text, /as admin/);
  t.truthy(email.html?.includes('http://app.pocdojo.test/invite?token='));
  const { url, token } = linkIn(email);
  t.is(url.pathname, '/invite');

  const lookup = await api.get(`/v1/invitations/lookup?token=${encodeURIComponent(token)}`);
  t.is(lookup.status, 200);
  t.like(lookup.body, { email: 'carla@people.test', role: 'admin', hasAccount: false, tenant: { name: 'Acme Labs' } });
  const weak = await api.post('/v1/invitations/accept', { token, name: 'Carla', password: 'short' });
  t.is(weak.status, 400);
  const joined = await api.post('/v1/invitations/accept', {
    token,
    name: 'Carla',
    password: STRONG_PASSWORD,
    locale: 'en',
  });
  t.is(joined.status, 201);
  t.is(joined.body.user.role, 'admin');
  t.is((await api.post('/v1/invitations/accept', { token, name: 'Eve', password: STRONG_PASSWORD })).status, 410);
  t.is((await team.owner.get('/v1/invitations')).body.items.length, 0);

  const login = await api.post('/v1/auth/login', { email: 'carla@people.test', password: STRONG_PASSWORD });
  t.is(login.status, 200);
  t.is(login.body.tenant.name, 'Acme Labs');
  t.is(login.body.user.name, 'Carla');

  // The owner hears of it on the bell (in-app, through notifier).
  const ownerBell = async () =>
    (
      await fetch(`${notifier.url}/v1/notifications`, { headers: { authorization: `Bearer ${team.accessToken}` } })
    ).json();
  await inbox.waitFor(() => inbox.emails.find((e) => e.to.includes(team.email) && /Carla/.test(e.subject)), 60_000);
  const bell = await ownerBell();
  t.is(bell.unreadCount, 1);
  t.regex(bell.items[0].title, /Carla/);
});

test.serial('re-sent invitations get a fresh link and the old one dies; revoked ones die too', async (t) => {
  const team = await signUpTeam(api, 'Resend Co');
  const created = await team.owner.post('/v1/invitations', { email: 'rex@people.test' });
  const first = linkIn(await mailTo('rex@people.test', /Resend Co/));
  const before = inbox.emails.length;
  const resent = await team.owner.post(`/v1/invitations/${created.body.id}/resend`);
  t.is(resent.status, 200);
  t.is(resent.body.sentCount, 2);
  const second = linkIn(await mailTo('rex@people.test', /Resend Co/, before));
  t.not(first.token, second.token);
  t.is((await api.get(`/v1/invitations/lookup?token=${first.token}`)).status, 410);
  t.is((await team.owner.delete(`/v1/invitations/${created.body.id}`)).status, 204);
  t.is((await api.get(`/v1/invitations/lookup?token=${second.token}`)).status, 410);
  const other = await signUpTeam(api, 'Other Co');
  t.is((await other.owner.delete(`/v1/invitations/${created.body.id}`)).status, 404);
});

test.serial(
  'one e-mail in two teams: the second invitation joins the existing account; login picks the team',
  async (t) => {
    const a = await signUpTeam(api, 'Team Alpha');
    const b = await signUpTeam(api, 'Team Beta');
    await a.owner.post('/v1/invitations', { email: 'dana@people.test' });
    const first = linkIn(await mailTo('dana@people.test', /Team Alpha/));
    t.is(
      (await api.post('/v1/invitations/accept', { token: first.token, name: 'Dana', password: STRONG_PASSWORD }))
        .status,
      201,
    );

    await b.owner.post('/v1/invitations', { email: 'dana@people.test' });
    const second = linkIn(await mailTo('dana@people.test', /Team Beta/));
    t.true((await api.get(`/v1/invitations/lookup?token=${second.token}`)).body.hasAccount);
    const wrong = await api.post('/v1/invitations/accept', { token: second.token, password: 'not-Her-password-1' });
    t.is(wrong.status, 401);
    const joined = await api.post('/v1/invitations/accept', { token: second.token, password: STRONG_PASSWORD });
    t.is(joined.status, 201);
    t.is(joined.body.user.name, 'Dana');

    const login = await api.post('/v1/auth/login', { email: 'dana@people.test', password: STRONG_PASSWORD });
    t.is(login.status, 200);
    t.deepEqual(login.body.teams.map((team: { name: string }) => team.name).sort(), ['Team Alpha', 'Team Beta']);
    t.is(login.body.accessToken, undefined);
    const beta = login.body.teams.find((team: { name: string }) => team.name === 'Team Beta');
    const chosen = await api.post('/v1/auth/login/team', { choiceToken: login.body.choiceToken, tenantId: beta.id });
    t.is(chosen.status, 200);
    t.is(chosen.body.tenant.name, 'Team Beta');
    t.is(
      (await api.post('/v1/auth/login/team', { choiceToken: login.body.choiceToken, tenantId: a.tenant.id })).status,
      200,
    );
    t.is(
      (await api.post('/v1/auth/login/team', { choiceToken: login.body.choiceToken, tenantId: b.user.id })).status,
      403,
    );
    t.is((await api.post('/v1/auth/login/team', { choiceToken: 'forged', tenantId: beta.id })).status, 401);
    const bySlug = await api.post('/v1/auth/login', {
      email: 'dana@people.test',
      password: STRONG_PASSWORD,
      tenant: b.slug,
    });
    t.is(bySlug.body.tenant.name, 'Team Beta');

    const unknown = await api.post('/v1/auth/login', { email: 'nobody@people.test', password: STRONG_PASSWORD });
    const badPassword = await api.post('/v1/auth/login', { email: 'dana@people.test', password: 'wrong-Password-1' });
    t.is(unknown.status, 401);
    t.is(badPassword.status, 401);
    t.is(unknown.body.code, badPassword.body.code);
    t.is(unknown.body.detail, badPassword.body.detail);
  },
);

test.serial(
  'password reset by e-mail: same answer for unknown e-mails, expired and reused links refused, sessions ended',
  async (t) => {
    const team = await signUpTeam(api, 'Reset Inc');
    const ghost = await api.post('/v1/auth/password-reset', { email: 'ghost@people.test' });
    const real = await api.post('/v1/auth/password-reset', { email: team.email });
    t.is(ghost.status, 202);
    t.deepEqual(ghost.body, real.body);
    const firstMail = await mailTo(team.email, /Reset your PocDojo password|Redefina sua senha/);
    const expired = linkIn(firstMail).token;
    // The link's hour has passed.
    const owner = new pg.Client({ connectionString: platform.ownerUrl });
    await owner.connect();
    t.teardown(() => owner.end());
    await owner.query(
      `update account_tokens set expires_at = now() - interval '1 minute' where purpose = 'password_reset'`,
    );
    const tooLate = await api.post('/v1/auth/password-reset/complete', {
      token: expired,
      newPassword: 'brand-New-pass-42',
    });
    t.is(tooLate.status, 410);
    t.is(tooLate.body.code, 'link_invalid');

    const before = inbox.emails.length;
    await api.post('/v1/auth/password-reset', { email: team.email });
    const { token } = linkIn(await mailTo(team.email, /Reset your PocDojo password|Redefina sua senha/, before));
    t.is((await api.post('/v1/auth/password-reset/complete', { token, newPassword: 'short' })).status, 400);
    const done = await api.post('/v1/auth/password-reset/complete', { token, newPassword: 'brand-New-pass-42' });
    t.is(done.status, 204);
    t.is(
      (await api.post('/v1/auth/password-reset/complete', { token, newPassword: 'another-New-pass-43' })).status,
      410,
    );

    // Every session ended: the old access and refresh tokens are refused.
    t.is((await team.owner.get('/v1/me')).status, 401);
    t.is((await api.post('/v1/auth/refresh', { refreshToken: team.refreshToken })).status, 401);
    t.is((await api.post('/v1/auth/login', { email: team.email, password: STRONG_PASSWORD })).status, 401);
    t.is((await api.post('/v1/auth/login', { email: team.email, password: 'brand-New-pass-42' })).status, 200);
    await mailTo(team.email, /password was changed|senha .* foi alterada/i, before);
    t.pass();
  },
);
