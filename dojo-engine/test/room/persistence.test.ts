import { randomUUID } from 'node:crypto';
import * as A from '@automerge/automerge';
import { matchMaker } from '@colyseus/core';
import { DOJO_ROOM_NAME } from '@pocdojo/common/contracts/dojo-protocol/messages';
import { Audience, signToken, TokenType } from '@pocdojo/common/runtime/tokens';
import test from 'ava';
import { DojoDocument } from '../../src/document/dojo-document.ts';
import { PostgresDojoStore } from '../../src/persistence/postgres-dojo-store.ts';
import { joinCounterHash } from '../../src/scale/engine-redis-presence.ts';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
let reader: PostgresDojoStore;
test.before(async () => {
  engine = await startEngine({ room: { emptyGraceMs: 300 } });
  reader = new PostgresDojoStore(engine.databaseUrl, { maxConnections: 1 });
});
test.after.always(async () => {
  await reader?.close();
  await engine?.close();
});

const FILE = 'fizzbuzz.ts';

/** What a fresh process would load from Postgres right now. */
async function storedText(dojo: { tenantId: string; dojoId: string }): Promise<string | undefined> {
  const stored = await reader.loadDocument(dojo.tenantId as never, dojo.dojoId as never);
  return stored ? DojoDocument.load(stored.snapshot, stored.changes).files()[FILE] : undefined;
}

test.serial(
  'persistence round trip: edits and chat survive everyone leaving and the room being disposed',
  async (t) => {
    const dojo = dojoFixture(engine.key);
    const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }), { relay: true });
    const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
    await eventually(() => ada.text(FILE) !== undefined && bob.text(FILE) !== undefined, 5000, 'starter');
    for (let i = 0; i < 30; i++) ada.type(FILE, 0, String(i % 10));
    bob.type(FILE, bob.text(FILE)!.length, '// bob was here\n');
    ada.room.send('chat', { text: '  hello dojo  ' });
    await eventually(() => bob.chat.length === 1, 5000, 'first chat');
    bob.room.send('chat', { text: 'hi Ada' });
    await eventually(() => ada.text(FILE) === bob.text(FILE) && bob.chat.length === 2, 5000, 'converged');
    const text = ada.text(FILE)!;
    t.deepEqual(
      bob.chat.map((m) => [m.name, m.text]),
      [
        ['Ada', 'hello dojo'],
        ['Bob', 'hi Ada'],
      ],
    );

    // Accepted changes reach Postgres while the room is live (a crash now would lose nothing):
    // once the room reports nothing left to commit, Postgres holds the text.
    await eventually(
      () => [...engine.server.metrics.rooms].every((room) => room.persistBacklog() === 0),
      30_000,
      'every accepted change committed',
    );
    t.is(engine.server.metrics.rooms.size, 1, 'the room is still live');
    t.is(await storedText(dojo), text, 'Postgres holds the live text before anyone leaves');

    await ada.leave();
    await bob.leave();
    await eventually(() => engine.server.metrics.rooms.size === 0, 5000, 'room disposed after the grace period');
    const compacted = await reader.loadDocument(dojo.tenantId as never, dojo.dojoId as never);
    t.is(compacted?.changes.length, 0, 'the final save compacted every change into the snapshot');

    const back = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Cleo' }));
    await eventually(() => back.text(FILE) === text, 5000, 'reloaded text');
    t.deepEqual(
      back.welcome?.chat.map((m) => m.text),
      ['hello dojo', 'hi Ada'],
    );
    await back.leave();
  },
);

test.serial('offline edits merge when a client comes back', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  await eventually(() => ada.text(FILE) !== undefined, 5000, 'starter');
  const offline = A.clone(ada.doc);
  await ada.leave();
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  await eventually(() => bob.text(FILE) !== undefined, 5000, 'starter');
  bob.type(FILE, 0, 'ONLINE ');
  // Ada edits her copy while disconnected, then rejoins with it.
  const edited = A.change(offline, (doc) => {
    A.splice(doc, ['files', FILE], doc.files[FILE]!.length, 0, ' OFFLINE');
  });
  const adaAgain = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  adaAgain.doc = edited;
  adaAgain.sendSync();
  await eventually(
    () => bob.text(FILE) === adaAgain.text(FILE) && /^ONLINE [\s\S]* OFFLINE$/.test(bob.text(FILE) ?? ''),
    5000,
    'merged',
  );
  t.regex(bob.text(FILE)!, /^ONLINE export function[\s\S]* OFFLINE$/);
  t.is(adaAgain.text(FILE), bob.text(FILE));
  await bob.leave();
  await adaAgain.leave();
});

test.serial('session history is readable by members of the dojo’s tenant only', async (t) => {
  const dojo = dojoFixture(engine.key, { editPolicy: 'driver' });
  const fay = randomUUID();
  const facilitator = await TestDojoClient.join(
    engine.url,
    await dojo.ticket({ userId: fay, name: 'Fay', role: 'facilitator' }),
  );
  const pat = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Pat' }));
  pat.room.send('chat', { text: 'ready' });
  // Two sockets have no order between them: the command goes once the chat is in, so history has both in this order.
  await eventually(() => facilitator.chat.length === 1, 5000);
  facilitator.room.send('command', { action: 'timer.start' });
  await eventually(() => facilitator.state.timer.status === 'running', 5000);
  await pat.leave();
  await facilitator.leave();
  // A room writes its history before it is disposed: after that, every event is in Postgres.
  await eventually(() => engine.server.metrics.rooms.size === 0, 30_000, 'room disposed after its final save');

  const token = (tenantId: string) =>
    signToken(
      engine.key,
      { type: TokenType.access, audience: Audience.api, ttlSeconds: 900 },
      { sub: randomUUID(), tid: tenantId, roles: ['member'] },
    );
  const get = async (path: string, bearer?: string) => {
    const response = await fetch(`${engine.url}${path}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as any,
    };
  };
  const path = `/v1/dojos/${dojo.dojoId}/history`;
  const history = await get(path, await token(dojo.tenantId));
  t.is(history.status, 200);
  t.deepEqual(
    history.body.items.map((e: { kind: string; name: string }) => `${e.kind}:${e.name}`),
    ['joined:Fay', 'joined:Pat', 'chat:Pat', 'timer_started:Fay', 'left:Pat', 'left:Fay'],
  );
  t.is(history.body.items[2].data.text, 'ready');

  const chatOnly = await get(`${path}?kind=chat&limit=1`, await token(dojo.tenantId));
  t.is(chatOnly.body.items.length, 1);
  t.is(chatOnly.body.nextCursor, null);

  const foreign = await get(path, await token(randomUUID()));
  t.is(foreign.status, 404);
  t.is(foreign.type, 'application/problem+json');
  t.is(foreign.body.code, 'dojo_not_found');
  t.is((await get(path)).status, 401);
  t.is((await get(path, 'forged.token.here')).body.code, 'token_invalid');
  t.is((await get('/v1/dojos/not-a-uuid/history', await token(dojo.tenantId))).status, 400);
  t.is((await get(`${path}?limit=0`, await token(dojo.tenantId))).body.errors[0].field, 'limit');
});

test.serial('health and readiness are served next to matchmaking, metrics on their own port', async (t) => {
  t.is((await fetch(`${engine.url}/healthz`)).status, 200);
  const ready = await fetch(`${engine.url}/readyz`);
  t.is(ready.status, 200);
  // Metrics are for Prometheus on their own port: the public port does not serve them.
  t.is((await fetch(`${engine.url}/metrics`)).status, 404);
  const metrics = await (await fetch(engine.server.metricsUrl!)).text();
  for (const name of [
    'dojo_rooms',
    'dojo_clients',
    'dojo_messages_total',
    'dojo_persist_lag_seconds',
    'dojo_document_bytes',
  ]) {
    t.true(metrics.includes(name), name);
  }
});

test.serial(
  'dojos opened and closed leave nothing behind in the matchmaker: no joinOrCreate counter per dojo',
  async (t) => {
    for (let i = 0; i < 3; i++) {
      const dojo = dojoFixture(engine.key);
      const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
      await ada.leave();
    }
    await eventually(() => engine.server.metrics.rooms.size === 0, 10_000, 'every room disposed');
    // Colyseus counted each joinOrCreate under `dojoId:<id>` and left the field at "0": one per dojo ever opened.
    t.is(await matchMaker.presence.hlen(joinCounterHash(DOJO_ROOM_NAME)), 0);
  },
);
