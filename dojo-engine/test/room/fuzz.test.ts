import * as A from '@automerge/automerge';
import { encodeChanges } from '@pocdojo/common/dojo-protocol/encoding';
import test from 'ava';
import type { DojoDoc } from '../../src/document/dojo-document.ts';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startEngine();
});
test.after.always(() => engine?.close());

const FILE = 'fizzbuzz.ts';

/** A deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const bytes = (max: number) => Uint8Array.from({ length: int(max) }, () => int(256));
  const pick = <T>(items: readonly T[]) => items[int(items.length)]!;
  return { next, int, bytes, pick };
}

const junkValues = [
  null,
  0,
  -1,
  Number.MAX_VALUE,
  'x'.repeat(5000),
  '',
  true,
  [],
  [1, 2, 3],
  {},
  { file: 'a.ts', anchor: -5, head: 'x', typing: 'yes' },
  { file: 'x'.repeat(500), anchor: 1, head: 1, typing: true },
  { text: '' },
  { text: 'y'.repeat(3000) },
  { text: 42 },
  { action: 'driver.set', userId: 'not-a-uuid' },
  { action: 'timer.start', extra: 1 },
  { action: '__proto__' },
  { __proto__: { polluted: true } },
];

test.serial('thousands of random and truncated messages leave the room alive and the document unchanged', async (t) => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261123);
  const rng = random(seed);
  const dojo = dojoFixture(engine.key); // editPolicy "everyone": the attacker may edit, so only validation stops it
  const observer = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Obs' }));
  await eventually(() => observer.text(FILE) !== undefined, 5000, 'starter');
  const original = observer.text(FILE);

  // Material for truncation: a real sync message and a real change the server has never seen.
  let attacker = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Mal' }));
  await eventually(() => attacker.text(FILE) === original, 5000, 'attacker synced');
  const fork = A.change(A.clone<DojoDoc>(attacker.doc), (doc) => {
    A.splice(doc, ['files', FILE], 0, 0, 'EVIL');
  });
  const realChange = A.getLastLocalChange(fork)!;
  const [, realSync] = A.generateSyncMessage(fork, A.initSyncState());
  const changesFrame = encodeChanges([realChange]);
  const truncate = (bytes: Uint8Array) => bytes.subarray(0, rng.int(bytes.byteLength));

  let sent = 0;
  let rejoins = 0;
  const total = 3000;
  while (sent < total) {
    if (!attacker.room.connection.isOpen) {
      // Undecodable frames make Colyseus close the socket: come back and keep going.
      attacker = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Mal' }));
      rejoins++;
    }
    const kind = rng.int(8);
    if (kind === 0) attacker.room.sendBytes('sync', rng.bytes(300));
    else if (kind === 1) attacker.room.sendBytes('sync', truncate(realSync!));
    else if (kind === 2) attacker.room.sendBytes('changes', rng.bytes(300));
    else if (kind === 3) attacker.room.sendBytes('changes', truncate(changesFrame));
    else if (kind === 4) attacker.room.send(rng.pick(['presence', 'chat', 'command']), rng.pick(junkValues));
    else if (kind === 5) attacker.room.send(rng.pick(['sync', 'changes', 'nope', '']), rng.pick(junkValues));
    else if (kind === 6) attacker.room.connection.send(truncate(Uint8Array.of(13, 0xa4, 0x73, 0x79, 0x6e, 0x63, 0x91)));
    else attacker.room.connection.send(rng.bytes(64));
    sent++;
    // Yield now and then so the socket drains and closes are noticed.
    if (sent % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  t.log(`seed ${seed}: ${sent} messages, ${rejoins} rejoins, ${attacker.errors.length} errors on the last connection`);

  // The room is alive and its document unchanged: a probe joins and reads it, the observer still edits.
  const probe = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Probe' }));
  await eventually(() => probe.text(FILE) !== undefined, 5000, 'probe synced');
  t.is(probe.text(FILE), original);
  t.is(probe.room.roomId, dojo.dojoId, 'the same room survived');
  t.false(probe.text(FILE)!.includes('EVIL'));
  observer.type(FILE, 0, 'ok ');
  await eventually(() => probe.text(FILE) === `ok ${original}`, 5000, 'room still relays edits');
  t.true(engine.server.metrics.rooms.size >= 1);
  for (const c of [observer, probe]) await c.leave();
  if (attacker.room.connection.isOpen) await attacker.leave();
});
