import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

// 20 messages per second sustained, so 200 as burst: small numbers to keep the test quick.
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ room: { maxMessagesPerSecond: 20 } });
});
test.after.always(() => engine?.close());

const presence = (anchor: number) => ({ file: 'fizzbuzz.ts', anchor, head: anchor, typing: true });

test('a burst of messages held back by a stall is accepted; a sustained flood is closed with 4101', async (t) => {
  const dojo = dojoFixture(engine.key);
  const client = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }));
  const watcher = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  // 150 messages at once — what a client sends while the server is stalled, arriving together.
  // More than 20 in one second: Colyseus's per-second count closed such a client with 4002.
  for (let i = 1; i <= 150; i++) client.room.send('presence', presence(i));
  await eventually(
    () => watcher.presence.some((batch) => batch.updates.some((u) => u.name === 'Ada' && u.anchor === 150)),
    10_000,
    'the last message of the burst handled',
  ).catch((error) => {
    t.log(client.closeCode, JSON.stringify(watcher.presence.at(-1)), client.errors.slice(0, 2));
    throw error;
  });
  t.is(client.closeCode, undefined, 'the burst was not taken for a flood');

  // Far more than the burst allows: closed as a protocol violation.
  for (let i = 0; i < 1000; i++) client.room.send('presence', presence(i));
  await eventually(() => client.closeCode !== undefined, 10_000, 'flood closed');
  t.is(client.closeCode, 4101);
  t.is(watcher.closeCode, undefined);
  await watcher.leave();
});
