import { generateSigningKey } from '@pocdojo/common/runtime/tokens';
import test from 'ava';
import { TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startEngine();
});
test.after.always(() => engine?.close());

/** The raw matchmaking call every client makes (docs/protocol.md §Matchmaking). */
async function matchmake(body: unknown) {
  const response = await fetch(`${engine.url}/matchmake/joinOrCreate/dojo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { code?: number; error?: string; roomId?: string },
  };
}

test.serial('a valid ticket gets a seat in the room named after the dojo', async (t) => {
  const dojo = dojoFixture(engine.key);
  const { status, body } = await matchmake({ ticket: await dojo.ticket() });
  t.is(status, 200);
  t.is(body.roomId, dojo.dojoId);
});

test.serial(
  'missing, forged, expired and foreign-tenant tickets are refused with a code, and no room is created',
  async (t) => {
    const dojo = dojoFixture(engine.key);
    const { key: otherKey } = await generateSigningKey();
    const cases = [
      { what: 'missing', body: {}, status: 401, code: 'ticket_missing' },
      { what: 'garbage', body: { ticket: 'not-a-jwt' }, status: 401, code: 'ticket_invalid' },
      {
        what: 'forged',
        body: { ticket: await dojo.ticket({}, { key: otherKey }) },
        status: 401,
        code: 'ticket_invalid',
      },
      {
        what: 'expired',
        body: { ticket: await dojo.ticket({}, { now: Date.now() - 3_600_000, ttlSeconds: 60 }) },
        status: 401,
        code: 'ticket_expired',
      },
      {
        what: 'future protocol',
        body: { ticket: await dojo.ticket(), protocolVersion: 99 },
        status: 400,
        code: 'protocol_unsupported',
      },
    ];
    for (const { what, body, status, code } of cases) {
      const response = await matchmake(body);
      t.is(response.status, status, what);
      t.regex(response.body.error ?? '', new RegExp(`^${code}:`), what);
    }
    t.is(await engine.server.store.dojoTenant(dojo.dojoId), null, 'no room was created for the dojo');
  },
);

test.serial('a ticket of another tenant for an existing dojo is refused', async (t) => {
  const dojo = dojoFixture(engine.key);
  const owner = await TestDojoClient.join(engine.url, await dojo.ticket());
  const intruder = await matchmake({
    ticket: await dojo.ticket({}, { tenantId: '00000000-0000-4000-8000-000000000001' }),
  });
  t.is(intruder.status, 403);
  t.regex(intruder.body.error ?? '', /^tenant_mismatch:/);
  t.is(owner.state.participants.size, 1);
  await owner.leave();
});

test.serial('the SDK surfaces a refusal as an error carrying the code', async (t) => {
  const dojo = dojoFixture(engine.key);
  const error = await t.throwsAsync(TestDojoClient.join(engine.url, await dojo.ticket({}, { ttlSeconds: -120 })));
  t.regex(error?.message ?? '', /ticket_expired/);
});

test.serial('a seat reserved by matchmaking outlives the empty-room grace period', async (t) => {
  const dojo = dojoFixture(engine.key);
  const seat = (await matchmake({ ticket: await dojo.ticket() })).body as { processId: string; sessionId: string };
  await new Promise((resolve) => setTimeout(resolve, 700)); // grace is 300 ms in tests
  const socket = new WebSocket(
    `${engine.url.replace('http', 'ws')}/${seat.processId}/${dojo.dojoId}?sessionId=${seat.sessionId}`,
  );
  socket.binaryType = 'arraybuffer';
  const first = await new Promise<number>((resolve, reject) => {
    socket.onmessage = (event) => resolve(new Uint8Array(event.data as ArrayBuffer)[0]!);
    socket.onclose = (event) => reject(new Error(`closed ${event.code}`));
  });
  t.is(first, 10, 'JOIN_ROOM');
  socket.close();
});
