import { randomUUID } from 'node:crypto';
import test from 'ava';
import pg from 'pg';
import { startEngine, type TestEngine } from '../helpers/engine.ts';

const TOKEN = 'usage-test-internal-token-0123456789';
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ internalToken: TOKEN });
});
test.after.always(() => engine?.close());

/** Writes session history as the rooms do (joined / left / removed), with chosen times. */
async function history(rows: [tenant: string, dojo: string, user: string, kind: string, at: string][]) {
  const client = new pg.Client({ connectionString: engine.ownerUrl });
  await client.connect();
  try {
    for (const [tenant, dojo, user, kind, at] of rows) {
      await client.query('insert into dojos (dojo_id, tenant_id) values ($1, $2) on conflict do nothing', [
        dojo,
        tenant,
      ]);
      await client.query(
        'insert into dojo_history (dojo_id, tenant_id, kind, user_id, name, at) values ($1, $2, $3, $4, $5, $6)',
        [dojo, tenant, kind, user, 'Someone', at],
      );
    }
  } finally {
    await client.end();
  }
}

const usage = (query: string, token = TOKEN) =>
  fetch(`${engine.url}/internal/v1/usage${query}`, { headers: { authorization: `Bearer ${token}` } });

test('dojo hours per tenant match the hand count: joins to leaves, clipped to the period', async (t) => {
  const [a, b] = [randomUUID(), randomUUID()];
  const [kata, retro, other] = [randomUUID(), randomUUID(), randomUUID()];
  const [ada, bob, cid] = [randomUUID(), randomUUID(), randomUUID()];
  await history([
    // Tenant a, kata: Ada 10:00–11:30 (1.5 h), then again 12:00–12:15 (0.25 h); Bob 10:30–11:00, removed (0.5 h).
    [a, kata, ada, 'joined', '2026-03-10T10:00:00Z'],
    [a, kata, bob, 'joined', '2026-03-10T10:30:00Z'],
    [a, kata, bob, 'removed', '2026-03-10T11:00:00Z'],
    [a, kata, ada, 'left', '2026-03-10T11:30:00Z'],
    [a, kata, ada, 'joined', '2026-03-10T12:00:00Z'],
    [a, kata, ada, 'left', '2026-03-10T12:15:00Z'],
    // Tenant a, retro: Ada across midnight into April, 23:00 → 01:00 (1 h in March, 1 h in April).
    [a, retro, ada, 'joined', '2026-03-31T23:00:00Z'],
    [a, retro, ada, 'left', '2026-04-01T01:00:00Z'],
    // Tenant b: Cid 2 h in March.
    [b, other, cid, 'joined', '2026-03-05T08:00:00Z'],
    [b, other, cid, 'left', '2026-03-05T10:00:00Z'],
  ]);
  const march = await usage('?from=2026-03-01&to=2026-04-01');
  t.is(march.status, 200);
  const body = (await march.json()) as { from: string; to: string; items: { tenantId: string }[] };
  t.like(body, { from: '2026-03-01', to: '2026-04-01' });
  const byTenant = Object.fromEntries(body.items.map((item) => [item.tenantId, item]));
  // a: 1.5 + 0.25 + 0.5 + 1 (March part of the retro) = 3.25 h in two dojos; b: 2 h in one.
  t.deepEqual(byTenant[a], { tenantId: a, dojoHours: 3.25, dojos: 2 });
  t.deepEqual(byTenant[b], { tenantId: b, dojoHours: 2, dojos: 1 });

  const april = (await (await usage(`?from=2026-04-01&to=2026-05-01&tenantId=${a}`)).json()) as { items: unknown[] };
  t.deepEqual(april.items, [{ tenantId: a, dojoHours: 1, dojos: 1 }]);
});

test('the usage endpoint wants the internal token and valid dates', async (t) => {
  t.is((await usage('', 'wrong-token-wrong-token-wrong')).status, 401);
  t.is((await fetch(`${engine.url}/internal/v1/usage`)).status, 401);
  const bad = await usage('?from=March');
  t.is(bad.status, 400);
  t.is(bad.headers.get('content-type'), 'application/problem+json');
});
