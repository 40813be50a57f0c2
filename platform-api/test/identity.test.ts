import { request as httpRequest } from 'node:http';
import test from 'ava';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  platform = await startTestPlatform({ LOGIN_RATE_PER_IP: '1000', LOGIN_FREE_FAILURES: '3' });
  api = new ApiClient(platform.url);
});
test.after.always(() => platform?.close());

test('signup creates the team and its owner and returns a working session', async (t) => {
  const team = await signUpTeam(api, 'Ünïcode Team');
  t.is(team.user.role, 'owner');
  t.is(team.tenant.slug, team.slug);
  t.is(team.tokenType, 'Bearer');
  t.is(team.expiresIn, 900);
  const me = await team.owner.get('/v1/me');
  t.is(me.status, 200);
  t.is(me.body.email, team.email);
  t.is(me.body.tenantId, team.tenant.id);
});

test('signup derives a slug from the team name when none is given', async (t) => {
  const reply = await api.post('/v1/signup', {
    tenantName: `Zeta Försäkring ${Date.now()}`,
    name: 'Z',
    email: 'z@example.com',
    password: STRONG_PASSWORD,
  });
  t.is(reply.status, 201);
  t.regex(reply.body.tenant.slug, /^zeta-forsakring-\d+$/);
});

test('a taken slug is a 409 naming the field', async (t) => {
  const team = await signUpTeam(api);
  const reply = await api.post('/v1/signup', {
    tenantName: 'Other',
    tenantSlug: team.slug,
    name: 'X',
    email: 'x@example.com',
    password: STRONG_PASSWORD,
  });
  t.is(reply.status, 409);
  t.is(reply.headers.get('content-type'), 'application/problem+json');
  t.is(reply.body.code, 'slug_taken');
  t.is(reply.body.errors[0].field, 'tenantSlug');
});

test('a weak password is refused with the policy in the field error', async (t) => {
  for (const password of ['short', 'alllowercaseletters', 'aaaaaaaaaaaaaaa1']) {
    const reply = await api.post('/v1/signup', {
      tenantName: 'Weak',
      name: 'W',
      email: 'w@example.com',
      password,
    });
    t.is(reply.status, 400, password);
    t.is(reply.body.errors[0].field, 'password');
    t.is(reply.body.errors[0].code, 'password_policy');
  }
});

test('login: unknown user and wrong password give the same 401', async (t) => {
  const team = await signUpTeam(api);
  const ok = await api.post('/v1/auth/login', { tenant: team.slug, email: team.email, password: STRONG_PASSWORD });
  t.is(ok.status, 200);
  t.truthy(ok.body.accessToken);
  t.is(ok.body.user.email, team.email);
  const wrong = await api.post('/v1/auth/login', { tenant: team.slug, email: team.email, password: 'nope-Nope-123' });
  const unknown = await api.post('/v1/auth/login', { tenant: team.slug, email: 'ghost@example.com', password: 'x' });
  const noTenant = await api.post('/v1/auth/login', { tenant: 'no-such-team', email: team.email, password: 'x' });
  for (const reply of [wrong, unknown, noTenant]) {
    t.is(reply.status, 401);
    t.is(reply.body.code, 'invalid_credentials');
    t.is(reply.body.detail, wrong.body.detail);
  }
});

/** POSTs JSON from another loopback address: a second client, as the server sees it (ctx.ip). */
function postFrom(localAddress: string, path: string, body: unknown): Promise<{ status: number; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      new URL(path, platform.url),
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: Number(response.headers['retry-after'] ?? 0) }),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

test('wrong passwords slow down only the client that sends them, with growing delays; the user still logs in', async (t) => {
  const team = await signUpTeam(api);
  const wrong = { tenant: team.slug, email: team.email, password: 'bad-Password-1' };
  const right = { ...wrong, password: STRONG_PASSWORD };
  const attacker = '127.0.0.2';
  // Three free failures, then the fourth earns a 1 s delay.
  for (let i = 0; i < 4; i++) t.is((await postFrom(attacker, '/v1/auth/login', wrong)).status, 401);
  const delayed = await postFrom(attacker, '/v1/auth/login', right);
  t.is(delayed.status, 429, 'even the right password waits out the delay on the throttled client');
  t.is(delayed.retryAfter, 1);

  // The user, on their own client, is not locked out by the attacker.
  const user = await api.post('/v1/auth/login', right);
  t.is(user.status, 200);

  // The delay doubles with each further failure: wait it out, fail once more, and the next wait is 2 s.
  await new Promise((resolve) => setTimeout(resolve, delayed.retryAfter * 1000 + 50));
  t.is((await postFrom(attacker, '/v1/auth/login', wrong)).status, 401);
  const longer = await postFrom(attacker, '/v1/auth/login', wrong);
  t.is(longer.status, 429);
  t.is(longer.retryAfter, 2);
  t.is((await api.post('/v1/auth/login', right)).status, 200);

  // Positive control on the user's own client: its own failures throttle it the same way…
  for (let i = 0; i < 4; i++) t.is((await api.post('/v1/auth/login', wrong)).status, 401);
  const own = await api.post('/v1/auth/login', right);
  t.is(own.status, 429);
  t.is(own.body.code, 'rate_limited');
  t.true(Number(own.headers.get('retry-after')) > 0);
  // …and a right password after the wait clears them.
  await new Promise((resolve) => setTimeout(resolve, Number(own.headers.get('retry-after')) * 1000 + 50));
  t.is((await api.post('/v1/auth/login', right)).status, 200);
  t.is((await api.post('/v1/auth/login', wrong)).status, 401);
  t.is((await api.post('/v1/auth/login', right)).status, 200);
});

test('refresh rotates; presenting a rotated token revokes the whole family', async (t) => {
  const team = await signUpTeam(api);
  const first = await api.post('/v1/auth/refresh', { refreshToken: team.refreshToken });
  t.is(first.status, 200);
  t.not(first.body.refreshToken, team.refreshToken);
  const second = await api.post('/v1/auth/refresh', { refreshToken: first.body.refreshToken });
  t.is(second.status, 200);
  const reuse = await api.post('/v1/auth/refresh', { refreshToken: team.refreshToken });
  t.is(reuse.status, 401);
  t.is(reuse.body.code, 'refresh_token_reused');
  const afterRevocation = await api.post('/v1/auth/refresh', { refreshToken: second.body.refreshToken });
  t.is(afterRevocation.status, 401);
  t.is(afterRevocation.body.code, 'refresh_token_invalid');
});

test('logout revokes the session; other sessions keep working', async (t) => {
  const team = await signUpTeam(api);
  const other = await api.post('/v1/auth/login', { tenant: team.slug, email: team.email, password: STRONG_PASSWORD });
  t.is((await api.post('/v1/auth/logout', { refreshToken: team.refreshToken })).status, 204);
  t.is((await api.post('/v1/auth/refresh', { refreshToken: team.refreshToken })).status, 401);
  t.is((await api.post('/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status, 200);
});

test('malformed refresh tokens are 401, not 500', async (t) => {
  for (const refreshToken of ['x', `rt_${'0'.repeat(36)}_${'a'.repeat(43)}`, 'rt_../../etc']) {
    const reply = await api.post('/v1/auth/refresh', { refreshToken });
    t.is(reply.status, 401, refreshToken);
  }
});

test('missing, forged and malformed access tokens are 401 with precise codes', async (t) => {
  const team = await signUpTeam(api);
  const none = await api.get('/v1/me');
  t.is(none.status, 401);
  t.is(none.body.code, 'unauthenticated');
  const [header, payload] = team.accessToken.split('.');
  const forged = await api.as(`${header}.${payload}.${'A'.repeat(86)}`).get('/v1/me');
  t.is(forged.status, 401);
  t.is(forged.body.code, 'token_invalid');
  const tampered = JSON.parse(Buffer.from(payload, 'base64url').toString());
  tampered.roles = ['owner'];
  tampered.tid = '00000000-0000-4000-8000-000000000000';
  const swapped = await api
    .as(`${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${team.accessToken.split('.')[2]}`)
    .get('/v1/me');
  t.is(swapped.status, 401);
});

test('an expired access token is 401 token_expired', async (t) => {
  const { signToken, TokenType, Audience, importSigningKey } = await import('@pocdojo/common/runtime/tokens');
  const key = await importSigningKey(JSON.parse(platform.api.deps.config.JWT_PRIVATE_JWK));
  const team = await signUpTeam(api);
  const expired = await signToken(
    key,
    { type: TokenType.access, audience: Audience.api, ttlSeconds: 900, now: Date.now() - 3_600_000 },
    { sub: team.user.id, tid: team.tenant.id, roles: ['owner'] },
  );
  const reply = await api.as(expired).get('/v1/me');
  t.is(reply.status, 401);
  t.is(reply.body.code, 'token_expired');
});

test('the JWKS publishes the Ed25519 key that verifies access tokens', async (t) => {
  const { createAccessVerifier } = await import('@pocdojo/common/runtime/tokens');
  const team = await signUpTeam(api);
  const jwks = await api.get('/.well-known/jwks.json');
  t.is(jwks.status, 200);
  t.is(jwks.body.keys[0].kty, 'OKP');
  t.is(jwks.body.keys[0].crv, 'Ed25519');
  t.is(jwks.body.keys[0].d, undefined);
  const claims = await createAccessVerifier({ jwksUrl: `${platform.url}/.well-known/jwks.json` })(team.accessToken);
  t.is(claims.tid, team.tenant.id);
});
