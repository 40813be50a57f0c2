import test from 'ava';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

const WEB = 'http://127.0.0.1:8080';
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ corsOrigins: [WEB] });
});
test.after.always(() => engine?.close());

const preflight = (path: string, origin: string) =>
  fetch(`${engine.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

test('matchmaking answers CORS for the configured origin only, never reflecting another one', async (t) => {
  const allowed = await preflight('/matchmake/joinOrCreate/dojo', WEB);
  t.is(allowed.headers.get('access-control-allow-origin'), WEB);
  t.is(allowed.headers.get('access-control-allow-credentials'), 'true');

  const evil = await preflight('/matchmake/joinOrCreate/dojo', 'https://evil.example');
  t.is(evil.headers.get('access-control-allow-origin'), null);
  t.is(evil.headers.get('access-control-allow-credentials'), null);

  // A real matchmaking call from the other origin: it runs (CORS is the browser's check) but carries no grant.
  const dojo = dojoFixture(engine.key);
  const response = await fetch(`${engine.url}/matchmake/joinOrCreate/dojo`, {
    method: 'POST',
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    body: JSON.stringify({ ticket: await dojo.ticket() }),
  });
  t.is(response.headers.get('access-control-allow-origin'), null);
  t.is(response.headers.get('access-control-allow-credentials'), null);
});

test("the engine's own routes (history, health) follow the same list", async (t) => {
  const allowed = await fetch(`${engine.url}/healthz`, { headers: { origin: WEB } });
  t.is(allowed.headers.get('access-control-allow-origin'), WEB);
  const evil = await preflight('/v1/dojos/00000000-0000-4000-8000-000000000000/history', 'https://evil.example');
  t.is(evil.status, 204);
  t.is(evil.headers.get('access-control-allow-origin'), null);
});
