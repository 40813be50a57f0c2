import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ room: { reconnectSeconds: 5 } });
});
test.after.always(() => engine?.close());

const FILE = 'fizzbuzz.ts';

test('a dropped client keeps its seat as "reconnecting", comes back, and its offline edits merge', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  await eventually(() => ada.text(FILE) !== undefined && bob.text(FILE) !== undefined, 5000, 'starter');
  const sessionId = ada.room.sessionId;
  const seen = new Set<string>();
  const watch = setInterval(() => {
    const connection = bob.snapshot?.participants.find((p) => p.sessionId === sessionId)?.connection;
    if (connection) seen.add(connection);
  }, 5);
  t.teardown(() => clearInterval(watch));

  // The SDK reconnects by itself after an abnormal close; slow it down so the gap is observable.
  Object.assign(ada.room.reconnection, { minUptime: 0, minDelay: 400, delay: 400 });
  ada.room.connection.close(4010, 'network lost');
  await eventually(() => seen.has('reconnecting'), 5000, 'seat kept as reconnecting');

  ada.type(FILE, 0, 'offline ');
  bob.type(FILE, 0, 'online ');
  await eventually(() => ada.text(FILE) === bob.text(FILE) && /offline /.test(bob.text(FILE)!), 10_000, 'merged');
  t.regex(bob.text(FILE)!, /^(offline online |online offline )/);
  t.is(ada.room.sessionId, sessionId, 'same seat');
  await eventually(
    () => bob.snapshot?.participants.find((p) => p.sessionId === sessionId)?.connection === 'connected',
    5000,
  );
  t.is(bob.snapshot?.participants.length, 2);
  t.false(
    bob.announcements.some((a) => a.kind === 'left'),
    'a drop is not a leave',
  );
  await ada.leave();
  await bob.leave();
});
