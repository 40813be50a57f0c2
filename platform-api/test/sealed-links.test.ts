import test from 'ava';
import pg from 'pg';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestNotifier, type TestNotifier, WEB_PUBLIC_URL } from './helpers/notifier.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

/**
 * Links that carry a secret never sit usable in a database: platform-api's
 * outbox and notifier's deliveries hold them sealed (AES-256-GCM), and only the
 * e-mail — read here from the real SMTP inbox — carries the working link.
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

/** Any one-time token (`inv_`, `pwr_`, `vfy_`, `unl_` + tenant + 43-character secret) in `text`. */
const usableToken = /\b[a-z]{3}_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}\b/;

async function outboxPayloads(groupKey: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: platform.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ payload: string }>(
      'select payload::text as payload from outbox where group_key = $1 order by seq',
      [groupKey],
    );
    return rows.map((row) => row.payload);
  } finally {
    await client.end();
  }
}

const deliveryLinks = async () =>
  notifier.notifier.db.inSystemScope(async (tx) => {
    const { rows } = await tx.query<{ kind: string; link: string | null }>('select kind, link from deliveries');
    return rows;
  });

function tokenIn(text: string): string {
  const match = new RegExp(`${WEB_PUBLIC_URL.replaceAll('.', '\\.')}/\\S+`).exec(text);
  if (!match) throw new Error(`no app link in: ${text}`);
  return new URL(match[0]).searchParams.get('token') ?? '';
}

test('an invitation and a reset: the outbox and the deliveries hold only sealed links, the e-mails work', async (t) => {
  const team = await signUpTeam(api, 'Sealed Labs');
  const invited = await team.owner.post('/v1/invitations', {
    email: 'sealed@people.test',
    role: 'member',
    locale: 'en',
  });
  t.is(invited.status, 201);
  // The relay keeps published rows (sent_at): the payload is what was, and still is, stored.
  const payloads = await outboxPayloads(`invitation:${invited.body.id}`);
  t.is(payloads.length, 1);
  t.notRegex(payloads[0]!, usableToken, 'the outbox row holds no usable token');
  t.regex(payloads[0]!, /"sealedLink": ?"sealed\.v1\./);

  const email = await notifier.mailTo('sealed@people.test', /invited you to Sealed Labs/);
  const token = tokenIn(email.text);
  t.regex(token, usableToken, 'the e-mail carries the real link');
  const accepted = await api.post('/v1/invitations/accept', { token, name: 'Sam', password: STRONG_PASSWORD });
  t.is(accepted.status, 201, 'and it works');

  await api.post('/v1/auth/password-reset', { email: team.email });
  const reset = await notifier.mailTo(team.email, /reset|redefin/i);
  const resetToken = tokenIn(reset.text);
  const resetRows = await outboxPayloads(`user:${team.user.id}`);
  t.true(resetRows.length >= 2, 'verification and reset e-mails of the owner');
  for (const row of resetRows) t.notRegex(row, usableToken);
  const done = await api.post('/v1/auth/password-reset/complete', {
    token: resetToken,
    newPassword: `${STRONG_PASSWORD}!x`,
  });
  t.is(done.status, 204);

  const rows = await deliveryLinks();
  const secretKinds = rows.filter((row) => ['invitation.created', 'password.reset_requested'].includes(row.kind));
  t.true(secretKinds.length >= 2);
  for (const row of rows) t.notRegex(row.link ?? '', usableToken, `${row.kind}: the delivery row holds no usable link`);
  for (const row of secretKinds) t.regex(row.link ?? '', /^sealed\.v1\./);
});
