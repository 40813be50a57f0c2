import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startEngine();
});
test.after.always(() => engine?.close());

test.serial('presence is coalesced to the latest state per client and carries name and colour', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  await eventually(() => bob.presence.length > 0, 5000, 'initial presence snapshot');
  const before = bob.presence.length;
  for (let offset = 0; offset <= 200; offset++) {
    ada.room.send('presence', { file: 'fizzbuzz.ts', anchor: offset, head: offset, typing: true });
  }
  const latest = () =>
    bob.presence
      .flatMap((batch) => batch.updates)
      .filter((entry) => entry.sessionId === ada.room.sessionId)
      .at(-1);
  await eventually(() => latest()?.head === 200, 5000, 'latest cursor');
  t.like(latest(), {
    name: 'Ada',
    userId: ada.welcome?.userId,
    color: ada.welcome?.color,
    file: 'fizzbuzz.ts',
    typing: true,
  });
  t.true(bob.presence.length - before < 50, `201 updates arrived as ${bob.presence.length - before} batches`);
  t.not(ada.welcome?.color, bob.welcome?.color, 'each user has their own colour');

  ada.room.send('presence', { file: 'x'.repeat(201), anchor: 0, head: 0, typing: false });
  ada.room.send('presence', { file: 'a.ts', anchor: -1, head: 0, typing: false });
  ada.room.send('presence', { file: 'a.ts', anchor: 0, head: 0, typing: false, extra: 1 });
  await eventually(() => ada.errors.length === 3, 5000, 'invalid presence refused');
  t.true(ada.errors.every((error) => error.code === 'malformed_message' && error.ref === 'presence'));

  await ada.leave();
  await eventually(() => bob.presence.some((batch) => batch.removed.includes(ada.room.sessionId)), 5000, 'removed');
  await bob.leave();
});

test.serial('chat is validated, rate limited per user, and delivered to everyone with author and time', async (t) => {
  const dojo = dojoFixture(engine.key);
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  ada.room.send('chat', { text: '   ' });
  ada.room.send('chat', { text: 'x'.repeat(2001) });
  ada.room.send('chat', { text: 42 });
  await eventually(() => ada.errors.length === 3, 5000, 'invalid chat refused');
  t.true(ada.errors.every((error) => error.code === 'malformed_message' && error.ref === 'chat'));

  for (let i = 0; i < 7; i++) ada.room.send('chat', { text: `message ${i}` });
  await eventually(() => bob.chat.length === 5 && ada.errors.length === 5, 5000, 'burst limited');
  t.deepEqual(
    ada.errors.slice(3).map((error) => error.code),
    ['rate_limited', 'rate_limited'],
  );
  t.like(bob.chat[0], { name: 'Ada', userId: ada.welcome?.userId, text: 'message 0' });
  t.true(typeof bob.chat[0]?.at === 'number' && typeof bob.chat[0]?.id === 'string');
  bob.room.send('chat', { text: 'my own bucket' });
  await eventually(() => ada.chat.length === 6, 5000, 'other users are not limited by Ada');
  await ada.leave();
  await bob.leave();
});
