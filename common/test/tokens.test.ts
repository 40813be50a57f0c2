import test from 'ava';
import { SignJWT } from 'jose';
import type { DojoId, TenantId, UserId } from '../src/contracts/ids.ts';
import {
  type AccessClaims,
  Audience,
  createAccessVerifier,
  createTicketVerifier,
  DEFAULT_ISSUER,
  generateSigningKey,
  SIGNING_ALG,
  signToken,
  TokenError,
  TokenType,
} from '../src/runtime/tokens.ts';

const tenant = '7f1c1a8e-1b7a-4b53-9a35-6a1f4f0f2d11' as TenantId;
const user = '2b0e4c1a-0c0b-4a41-8d7e-5e3b2f1a9c77' as UserId;

async function setup() {
  const { key } = await generateSigningKey();
  const jwks = { keys: [key.publicJwk] };
  return { key, verifyAccess: createAccessVerifier({ jwks }), verifyTicket: createTicketVerifier({ jwks }) };
}

test('an access token round-trips its claims', async (t) => {
  const { key, verifyAccess } = await setup();
  const token = await signToken(
    key,
    { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
    { sub: user, tid: tenant, roles: ['owner'] },
  );
  const claims: AccessClaims = await verifyAccess(token);
  t.is(claims.sub, user);
  t.is(claims.tid, tenant);
  t.deepEqual(claims.roles, ['owner']);
});

test('an expired token is refused as token_expired', async (t) => {
  const { key, verifyAccess } = await setup();
  const token = await signToken(
    key,
    { type: TokenType.access, audience: Audience.api, ttlSeconds: 60, now: Date.now() - 3_600_000 },
    { sub: user, tid: tenant, roles: ['member'] },
  );
  const error = await t.throwsAsync(verifyAccess(token), { instanceOf: TokenError });
  t.is(error?.code, 'token_expired');
});

test('a token signed by another key is refused', async (t) => {
  const { verifyAccess } = await setup();
  const other = await generateSigningKey();
  const token = await signToken(
    other.key,
    { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
    { sub: user, tid: tenant, roles: ['member'] },
  );
  const error = await t.throwsAsync(verifyAccess(token), { instanceOf: TokenError });
  t.is(error?.code, 'token_invalid');
});

test('a dojo ticket is not accepted as an access token, nor the reverse', async (t) => {
  const { key, verifyAccess, verifyTicket } = await setup();
  const claims = {
    sub: user,
    tid: tenant,
    did: user as string as DojoId,
    name: 'Ada',
    drole: 'participant',
    roles: ['member'],
    dojo: {
      title: 'FizzBuzz',
      language: 'typescript',
      durationMinutes: 60,
      rotationMinutes: 7,
      editPolicy: 'driver',
      kataId: 'fizzbuzz',
      version: 1,
      files: { 'fizzbuzz.ts': 'export {}' },
    },
  };
  const ticket = await signToken(key, { type: TokenType.dojoTicket, audience: Audience.dojo, ttlSeconds: 60 }, claims);
  const access = await signToken(key, { type: TokenType.access, audience: Audience.api, ttlSeconds: 60 }, claims);
  await t.throwsAsync(verifyAccess(ticket), { instanceOf: TokenError });
  await t.throwsAsync(verifyTicket(access), { instanceOf: TokenError });
  t.is((await verifyTicket(ticket)).did as string, user);
});

test('malformed claims are refused even when signed', async (t) => {
  const { key, verifyAccess } = await setup();
  const token = await signToken(
    key,
    { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
    { sub: 'not-a-uuid', tid: tenant, roles: ['root'] },
  );
  await t.throwsAsync(verifyAccess(token), { instanceOf: TokenError });
  await t.throwsAsync(verifyAccess('garbage'), { instanceOf: TokenError });
});

test('a correctly signed token without exp (or iat) is refused: it would never expire', async (t) => {
  const { key, verifyAccess } = await setup();
  const claims = { sub: user, tid: tenant, roles: ['member'] };
  for (const withIat of [true, false]) {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: TokenType.access })
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(Audience.api);
    const token = await (withIat ? jwt.setIssuedAt() : jwt).sign(key.privateKey);
    const error = await t.throwsAsync(verifyAccess(token), { instanceOf: TokenError });
    t.is(error?.code, 'token_invalid');
  }
  // The positive control: the same claims with an expiry pass.
  const ok = await signToken(key, { type: TokenType.access, audience: Audience.api, ttlSeconds: 60 }, claims);
  t.is((await verifyAccess(ok)).sub, user);
});
