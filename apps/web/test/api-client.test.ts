import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { ApiClient } from '../src/api/ApiClient.ts';
import { ApiError } from '../src/api/ApiError.ts';
import { type Session, SessionStore } from '../src/api/SessionStore.ts';

/** A Web Storage stand-in for Node: the same three methods over a Map. */
class MapStorage {
  #map = new Map<string, string>();
  getItem = (key: string) => this.#map.get(key) ?? null;
  setItem = (key: string, value: string) => void this.#map.set(key, value);
  removeItem = (key: string) => void this.#map.delete(key);
}

/** An unsigned JWT-shaped token with `exp`, which is all the client reads. */
const token = (name: string, expSeconds: number) =>
  `h.${Buffer.from(JSON.stringify({ sub: name, exp: expSeconds })).toString('base64url')}.s`;

/**
 * A tiny platform-api: `/v1/thing` answers 200 only to the current access
 * token, `/v1/auth/refresh` rotates (and, like platform-api, treats a second
 * use of a rotated refresh token as reuse), `/v1/invalid` answers a problem.
 */
async function fakeApi() {
  const state = { access: token('a1', Date.now() / 1000 + 900), refresh: 'r1', refreshCalls: 0, refuseRefresh: false };
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => resolve(text));
    });
  const server: Server = createServer(async (req, res) => {
    const json = (status: number, value: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type }).end(JSON.stringify(value));
    };
    if (req.url === '/v1/auth/refresh') {
      state.refreshCalls++;
      const { refreshToken } = JSON.parse(await body(req)) as { refreshToken: string };
      // Answer slowly, so that concurrent callers really overlap with the refresh.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (state.refuseRefresh || refreshToken !== state.refresh) {
        return json(
          401,
          { title: 'Unauthorized', status: 401, code: 'refresh_token_invalid' },
          'application/problem+json',
        );
      }
      state.refresh = `r${state.refreshCalls + 1}`;
      state.access = token(`a${state.refreshCalls + 1}`, Date.now() / 1000 + 900);
      return json(200, { accessToken: state.access, refreshToken: state.refresh, expiresIn: 900 });
    }
    if (req.url === '/v1/invalid') {
      return json(
        400,
        {
          type: 'about:blank',
          title: 'Validation failed',
          status: 400,
          code: 'validation_failed',
          errors: [{ field: 'name', message: 'is required' }],
        },
        'application/problem+json',
      );
    }
    if (req.headers.authorization !== `Bearer ${state.access}`) {
      return json(401, { title: 'Unauthorized', status: 401, code: 'token_invalid' }, 'application/problem+json');
    }
    return json(200, { ok: true, url: req.url });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const session = (accessToken: string, refreshToken: string, expiresAt: number): Session => ({
  accessToken,
  refreshToken,
  expiresAt,
  user: { id: 'u1', name: 'Ada', email: 'ada@example.com', role: 'owner' },
  tenant: { id: 't1', name: 'Team', slug: 'team' },
});

test('concurrent 401s share one refresh, and every request then succeeds with the new token', async (t) => {
  const api = await fakeApi();
  const store = new SessionStore(new MapStorage());
  // The server has moved on: our access token is stale, our refresh token still valid.
  store.set(session(token('stale', Date.now() / 1000 + 900), 'r1', Date.now() + 900_000));
  const client = new ApiClient(api.url, store);
  try {
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => client.get<{ ok: boolean }>(`/v1/thing?n=${n}`)));
    t.true(answers.every((answer) => answer.ok));
    t.is(api.state.refreshCalls, 1, 'one refresh for five concurrent 401s');
    t.is(store.get()?.refreshToken, 'r2', 'the rotated refresh token is stored');
    t.is(store.get()?.accessToken, api.state.access);
  } finally {
    client.close();
    await api.close();
  }
});

test('two tabs sharing one session refresh once: the second uses the tokens the first rotated', async (t) => {
  const api = await fakeApi();
  const storage = new MapStorage();
  new SessionStore(storage).set(session(token('stale', Date.now() / 1000 + 900), 'r1', Date.now() + 900_000));
  // Two clients over one storage, as two tabs over one localStorage.
  const tabs = [new ApiClient(api.url, new SessionStore(storage)), new ApiClient(api.url, new SessionStore(storage))];
  try {
    const answers = await Promise.all(tabs.map((tab) => tab.get<{ ok: boolean }>('/v1/thing')));
    t.true(answers.every((answer) => answer.ok));
    t.is(api.state.refreshCalls, 1, 'the rotated refresh token is never presented twice');
  } finally {
    for (const tab of tabs) tab.close();
    await api.close();
  }
});

test('an access token about to expire is refreshed before the request is sent', async (t) => {
  const api = await fakeApi();
  const store = new SessionStore(new MapStorage());
  store.set(session(api.state.access, 'r1', Date.now() + 1_000));
  const client = new ApiClient(api.url, store);
  try {
    await client.get('/v1/thing');
    t.is(api.state.refreshCalls, 1);
    t.true(store.get()!.expiresAt > Date.now() + 60_000, 'expiry read from the new token');
  } finally {
    client.close();
    await api.close();
  }
});

test('a refused refresh signs out and the request fails with the 401 problem', async (t) => {
  const api = await fakeApi();
  api.state.refuseRefresh = true;
  const store = new SessionStore(new MapStorage());
  store.set(session(token('stale', Date.now() / 1000 + 900), 'r1', Date.now() + 900_000));
  const client = new ApiClient(api.url, store);
  try {
    const error = await t.throwsAsync(client.get('/v1/thing'), { instanceOf: ApiError });
    t.is(error?.status, 401);
    t.is(store.get(), null, 'the session is gone');
  } finally {
    client.close();
    await api.close();
  }
});

test('problem details become an ApiError with field messages; an unreachable server is status 0', async (t) => {
  const api = await fakeApi();
  const client = new ApiClient(api.url, new SessionStore(new MapStorage()));
  try {
    const error = await t.throwsAsync(client.post('/v1/invalid', {}, { auth: false }), { instanceOf: ApiError });
    t.is(error?.code, 'validation_failed');
    t.is(error?.forField('name'), 'is required');
    t.is(error?.forField('email'), undefined);
  } finally {
    client.close();
    await api.close();
  }
  const offline = new ApiClient(api.url, new SessionStore(new MapStorage()));
  const error = await t.throwsAsync(offline.get('/v1/thing', { auth: false }), { instanceOf: ApiError });
  t.is(error?.status, 0);
  t.is(error?.code, 'network_error');
  offline.close();
});
