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

test('someone who comes back in a new session (a reload) is listed once: their dropped session merges into it', async (t) => {
  const dojo = dojoFixture(engine.key);
  const adaId = '0d5f8a9e-3c1b-4f7a-8e2d-6b9c0a1f2e3d';
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: adaId, name: 'Ada' }));
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  await eventually(() => bob.snapshot?.participants.length === 2, 5000, 'both listed');
  const oldSession = ada.room.sessionId;

  // The page is gone (a reload): its socket drops and nothing reconnects it.
  Object.assign(ada.room.reconnection, { maxRetries: 0 });
  ada.room.connection.close(4010, 'page reloaded');
  await eventually(
    () => bob.snapshot?.participants.find((p) => p.sessionId === oldSession)?.connection === 'reconnecting',
    5000,
    'the old session waits for a reconnection',
  );

  // The reloaded page joins with a new ticket, well inside the 5 s window.
  const again = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: adaId, name: 'Ada' }));
  await eventually(
    () => {
      const entries = bob.snapshot?.participants.filter((p) => p.userId === adaId) ?? [];
      return entries.length === 1 && entries[0]?.sessionId === again.room.sessionId;
    },
    3000,
    'one entry for Ada, her new session, long before the window closes',
  );
  const entry = bob.snapshot?.participants.find((p) => p.userId === adaId);
  t.is(entry?.sessionId, again.room.sessionId);
  t.is(entry?.connection, 'connected');
  t.is(bob.snapshot?.participants.length, 2, 'two people, two entries');
  t.false(
    bob.announcements.some((a) => a.kind === 'left'),
    'coming back is not leaving',
  );
  t.is(bob.announcements.filter((a) => a.kind === 'joined' && a.userId === adaId).length, 0, 'nor joining again');
  await again.leave();
  await bob.leave();
});
