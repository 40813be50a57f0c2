import { newAesKey } from '@pocdojo/common/runtime/aead';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import type pg from 'pg';
import { loadPlatformApiConfig } from '../src/config.ts';
import { contextFromEnv } from '../src/db/migration-context.ts';
import { migrate } from '../src/db/orm.ts';
import { currentCode } from '../src/domain/two-factor.ts';
import { startPlatformApi } from '../src/platform-api.ts';
import { ApiClient, type ApiClient as Client, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, TEST_MFA_SECRET_KEY, type TestPlatform } from './helpers/platform.ts';
import { systemSql } from './helpers/system-sql.ts';

/**
 * TOTP secrets at rest (issue 12): the columns hold `mfa.v1.<key id>.<sealed>`,
 * never the base32 secret; login keeps working; a wrong key fails closed with
 * a clear error; an old key listed in MFA_SECRET_PREVIOUS_KEYS still opens and
 * the secret moves to the new key; the migration seals secrets stored in clear.
 */
let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

const ownerQuery = <T extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
  systemSql<T>(platform.ownerUrl, text, values);

const storedSecrets = async (userId: string) =>
  (
    await ownerQuery<{ mfa_secret: string | null; mfa_pending_secret: string | null }>(
      'select mfa_secret, mfa_pending_secret from users where id = $1',
      [userId],
    )
  )[0]!;

async function enrol(client: Client, userId: string, t: { true(v: boolean, m?: string): void }) {
  const started = await client.post('/v1/me/mfa/enrolment');
  const pending = await storedSecrets(userId);
  t.true(pending.mfa_pending_secret!.startsWith('mfa.v1.'), 'the secret being enrolled is sealed too');
  t.true(!pending.mfa_pending_secret!.includes(started.body.secret));
  const confirmed = await client.post('/v1/me/mfa/enrolment/confirm', { code: currentCode(started.body.secret) });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status}`);
  return started.body.secret as string;
}

/** A second platform-api on the same database with other keys (no migrations). */
async function platformWithKeys(keys: { MFA_SECRET_KEY: string; MFA_SECRET_PREVIOUS_KEYS?: string }) {
  const config = platform.api.deps.config;
  const logged: string[] = [];
  const logger = createLogger('mfa-keys-test', 'error');
  const api2 = await startPlatformApi(
    loadPlatformApiConfig({
      PORT: '0',
      METRICS_PORT: '0',
      DATABASE_URL: config.DATABASE_URL,
      JWT_PRIVATE_JWK: config.JWT_PRIVATE_JWK,
      INTERNAL_TOKEN: config.INTERNAL_TOKEN,
      LINK_SEALING_KEY: newAesKey(),
      S3_BUCKET: config.S3_BUCKET,
      AWS_ENDPOINT_URL: config.AWS_ENDPOINT_URL,
      ...keys,
    }),
    {
      logger: Object.assign(logger, {
        error: (obj: unknown, msg?: string) => logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`),
      }),
    },
  );
  return { client: new ApiClient(api2.url), logged, close: () => api2.close() };
}

const passwordStep = (client: ApiClient, email: string) =>
  client.post('/v1/auth/login', { email, password: STRONG_PASSWORD });

test.serial('the columns never hold the secret in clear, and login with a code still works', async (t) => {
  const { owner, email, user } = await signUpTeam(api);
  const secret = await enrol(owner, user.id, t);
  const stored = await storedSecrets(user.id);
  t.regex(stored.mfa_secret!, /^mfa\.v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
  t.false(stored.mfa_secret!.includes(secret));
  t.is(stored.mfa_pending_secret, null);
  await t.throwsAsync(ownerQuery('update users set mfa_secret = $1 where id = $2', [secret, user.id]), {
    message: /users_mfa_secret_sealed/,
  });

  const first = await passwordStep(api, email);
  const done = await api.post('/v1/auth/login/mfa', {
    mfaToken: first.body.mfaToken,
    code: currentCode(secret, Date.now() + 30_000),
  });
  t.is(done.status, 200);
  t.truthy(done.body.accessToken);
});

test.serial('a sealed secret moved onto another member does not open for them', async (t) => {
  const a = await signUpTeam(api, 'Team A');
  const b = await signUpTeam(api, 'Team B');
  await enrol(a.owner, a.user.id, t);
  const secretB = await enrol(b.owner, b.user.id, t);
  const sealedB = (await storedSecrets(b.user.id)).mfa_secret;
  await ownerQuery('update users set mfa_secret = $1 where id = $2', [sealedB, a.user.id]);
  const challenge = await passwordStep(api, a.email);
  const reply = await api.post('/v1/auth/login/mfa', { mfaToken: challenge.body.mfaToken, code: currentCode(secretB) });
  t.is(reply.status, 503);
  t.is(reply.body.code, 'mfa_unavailable');
  t.is(reply.body.accessToken, undefined);
});

test.serial(
  'a wrong key fails closed with a clear error; the old key as a previous key still opens, and the secret moves to the new key',
  async (t) => {
    const { owner, email, user } = await signUpTeam(api);
    const secret = await enrol(owner, user.id, t);
    const oldSealed = (await storedSecrets(user.id)).mfa_secret!;
    const newKey = newAesKey();

    const wrong = await platformWithKeys({ MFA_SECRET_KEY: newKey });
    try {
      const challenge = await passwordStep(wrong.client, email);
      t.true(challenge.body.mfaRequired);
      const reply = await wrong.client.post('/v1/auth/login/mfa', {
        mfaToken: challenge.body.mfaToken,
        code: currentCode(secret, Date.now() + 30_000),
      });
      t.is(reply.status, 503);
      t.is(reply.body.code, 'mfa_unavailable');
      t.is(reply.body.accessToken, undefined, 'nobody gets in');
      t.true(
        wrong.logged.some((line) => line.includes('two-factor secret unreadable') && line.includes('MFA_SECRET_KEY')),
        wrong.logged.join('\n'),
      );
    } finally {
      await wrong.close();
    }
    t.is((await storedSecrets(user.id)).mfa_secret, oldSealed, 'a failed open changes nothing');

    const rotated = await platformWithKeys({ MFA_SECRET_KEY: newKey, MFA_SECRET_PREVIOUS_KEYS: TEST_MFA_SECRET_KEY });
    try {
      const challenge = await passwordStep(rotated.client, email);
      const reply = await rotated.client.post('/v1/auth/login/mfa', {
        mfaToken: challenge.body.mfaToken,
        code: currentCode(secret, Date.now() + 30_000),
      });
      t.is(reply.status, 200);
      const resealed = (await storedSecrets(user.id)).mfa_secret!;
      t.not(resealed.split('.')[2], oldSealed.split('.')[2], 'sealed again under the new key id');
    } finally {
      await rotated.close();
    }
  },
);

test.serial('the migration seals secrets stored in clear, and stops naming MFA_SECRET_KEY without a key', async (t) => {
  const { owner, email, user } = await signUpTeam(api);
  const secret = await enrol(owner, user.id, t);
  // The database as the TwoFactor migration left it: the secret in clear, the sealing migration not yet run.
  const rewind = async () => {
    await ownerQuery('alter table users drop constraint users_mfa_secret_sealed');
    await ownerQuery('alter table users drop constraint users_mfa_pending_secret_sealed');
    await ownerQuery(`delete from mikro_orm_migrations where name = 'Migration20261202060000SealMfaSecrets'`);
    await ownerQuery('update users set mfa_secret = $1 where id = $2', [secret, user.id]);
  };
  await rewind();

  await t.throwsAsync(migrate(platform.ownerUrl, contextFromEnv({})), { message: /MFA_SECRET_KEY must be set/ });
  t.is((await storedSecrets(user.id)).mfa_secret, secret, 'nothing changed');

  await migrate(platform.ownerUrl, contextFromEnv({ MFA_SECRET_KEY: TEST_MFA_SECRET_KEY }));
  const sealed = (await storedSecrets(user.id)).mfa_secret!;
  t.true(sealed.startsWith('mfa.v1.'));
  t.false(sealed.includes(secret));
  const challenge = await passwordStep(api, email);
  const done = await api.post('/v1/auth/login/mfa', {
    mfaToken: challenge.body.mfaToken,
    code: currentCode(secret, Date.now() + 30_000),
  });
  t.is(done.status, 200, 'the sealed secret opens with the key');
});
