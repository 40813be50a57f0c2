import { randomUUID } from 'node:crypto';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import test from 'ava';
import { startEngine, type TestEngine } from '../helpers/engine.ts';

const token = 'internal-token-for-tests-0123456789';
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ internalToken: token });
});
test.after.always(() => engine?.close());

const get = (query: string, bearer = token) =>
  fetch(`${engine.url}/internal/v1/member-dojos?${query}`, { headers: { authorization: `Bearer ${bearer}` } });

test("a member's dojos of a year, with their traffic lights, for the internal token only", async (t) => {
  const tenantId = randomUUID() as TenantId;
  const dojoId = randomUUID() as DojoId;
  const userId = randomUUID() as UserId;
  await engine.server.store.registerDojo(dojoId, tenantId);
  const at = Date.parse('2026-03-12T18:00:00Z');
  const base = { dojoId, tenantId, name: 'Ana', userId };
  await engine.server.store.appendHistory([
    { ...base, kind: 'joined', data: {}, at },
    { ...base, kind: 'test_run', data: { colour: 'red' }, at: at + 60_000 },
    { ...base, kind: 'test_run', data: { colour: 'green' }, at: at + 120_000 },
  ]);
  const query = new URLSearchParams({ tenantId, userId, from: '2026-01-01', to: '2027-01-01' }).toString();
  const answer = await get(query);
  t.is(answer.status, 200);
  t.deepEqual(await answer.json(), {
    items: [{ dojoId, joinedAt: '2026-03-12T18:00:00.000Z', runs: ['red', 'green'] }],
  });
  const nextYear = new URLSearchParams({ tenantId, userId, from: '2027-01-01', to: '2028-01-01' }).toString();
  t.deepEqual(await (await get(nextYear)).json(), { items: [] }, 'only the asked period');
  const otherTenant = new URLSearchParams({ tenantId: randomUUID(), userId, from: '2026-01-01', to: '2027-01-01' });
  t.deepEqual(await (await get(otherTenant.toString())).json(), { items: [] }, 'only the asked tenant');

  t.is((await get(query, 'not-the-internal-token-0123456789')).status, 401);
  t.is((await fetch(`${engine.url}/internal/v1/member-dojos?${query}`)).status, 401);
  const relayed = await fetch(`${engine.url}/internal/v1/member-dojos?${query}`, {
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' },
  });
  t.is(relayed.status, 404, 'what the public ingress relays is not a service call');
  const bad = await get(`tenantId=${tenantId}&userId=nope&from=2026-01-01&to=2027-01-01`);
  t.is(bad.status, 400);
  t.regex(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
});
