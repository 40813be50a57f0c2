import test from 'ava';
import pg from 'pg';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestNotifier, type TestNotifier, WEB_PUBLIC_URL } from './helpers/notifier.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

/**
 * The captcha-free way out of a throttled login: the account's e-mail gets one
 * single-use, expiring unlock link per throttle window, through the outbox,
 * notifier and a real SMTP server; following it ends the delays.
 */
let platform: TestPlatform;
let api: ApiClient;
let notifier: TestNotifier;

test.before(async () => {
  platform = await startTestPlatform({ LOGIN_FREE_FAILURES: '2', LOGIN_MAX_DELAY_SECONDS: '600' });
  api = new ApiClient(platform.url);
  notifier = await startTestNotifier(platform);
});
test.after.always(async () => {
  await notifier?.stop();
  await platform?.close();
});

async function unlockRequests(tenantId: string): Promise<number> {
  const client = new pg.Client({ connectionString: platform.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from outbox where tenant_id = $1 and payload -> 'data' ->> 'kind' = 'login.unlock_requested'`,
      [tenantId],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

const unlockMails = (address: string) =>
  notifier.inbox.emails.filter((e) => e.to.includes(address) && /logins? .*paused|em pausa/i.test(e.subject));

test('a throttled login mails one unlock link; following it lets the right password in at once, once', async (t) => {
  const team = await signUpTeam(api, 'Unlock Labs');
  const login = (password: string) => api.post('/v1/auth/login', { email: team.email, password });

  for (let i = 0; i < 2; i++) t.is((await login('wrong-password')).status, 401, 'free failures');
  t.is((await login('wrong-password')).status, 401, 'the failure that starts the delay');
  const throttled = await login(STRONG_PASSWORD);
  t.is(throttled.status, 429, 'even the right password waits now');
  t.truthy(throttled.headers.get('retry-after'));

  const email = await notifier.mailTo(team.email, /paused|em pausa/i);
  const link = new RegExp(`${WEB_PUBLIC_URL.replaceAll('.', '\\.')}/unlock-login\\?token=\\S+`).exec(email.text);
  t.truthy(link, email.text);
  const token = new URL(link![0]).searchParams.get('token')!;

  // More failures in the same window (after the delay passes) mail nothing more.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  t.is((await login('wrong-password')).status, 401);
  // A mail would be in the outbox before the 401 answered (same request): count the requests there.
  t.is(await unlockRequests(team.tenant.id), 1, 'one unlock e-mail per throttle window');
  t.is(unlockMails(team.email).length, 1);
  t.is((await login(STRONG_PASSWORD)).status, 429, 'still delayed before the link is followed');

  t.is((await api.post('/v1/auth/login-unlock', { token })).status, 204);
  t.is((await login(STRONG_PASSWORD)).status, 200, 'the right password gets in right away');
  const reused = await api.post('/v1/auth/login-unlock', { token });
  t.is(reused.status, 410, 'the link works once');
  t.is(reused.body.code, 'link_invalid');
  t.is((await api.post('/v1/auth/login-unlock', { token: 'unl_nonsense' })).status, 410);
});
