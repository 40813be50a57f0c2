import * as A from '@automerge/automerge';
import type { DojoDoc } from '@pocdojo/common/dojo-protocol/document';
import { encodeChanges } from '@pocdojo/common/dojo-protocol/encoding';
import { fuzzBudget, fuzzReport } from '@pocdojo/common/testing/fuzz';
import test from 'ava';
import fc from 'fast-check';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

/**
 * Seeded, reproducible fuzz of room messages (fast-check): bursts of random and
 * truncated frames, bad payloads for every message type, and hostile changes
 * (shape-breaking, orphaned) from a participant who may edit. After every
 * burst the room is alive, the bystander was never closed, and the document is
 * unchanged. `npm test`: a small budget; `npm run fuzz`: FUZZ_RUNS / FUZZ_SEED.
 */
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine();
});
test.after.always(() => engine?.close());

const FILE = 'fizzbuzz.ts';

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
  { action: 'join', muted: 'yes' },
  { action: 'signal', to: 'x'.repeat(100), signal: { type: 'offer', sdp: 'v=0' } },
  { action: 'signal', to: 'someone', signal: { type: 'candidate', candidate: { candidate: 'c'.repeat(2000) } } },
  { action: 'speaking', speaking: true },
  { action: 'mute' },
];

/** One thing the attacker sends. */
type Attack =
  | { kind: 'bytes'; type: 'sync' | 'changes'; bytes: Uint8Array }
  | { kind: 'truncated'; type: 'sync' | 'changes'; at: number }
  | { kind: 'payload'; type: string; payload: unknown }
  | { kind: 'hostile'; index: number }
  | { kind: 'frame'; bytes: Uint8Array }
  | { kind: 'truncatedFrame'; at: number };

const attack: fc.Arbitrary<Attack> = fc.oneof(
  fc.record({
    kind: fc.constant('bytes' as const),
    type: fc.constantFrom('sync' as const, 'changes' as const),
    bytes: fc.uint8Array({ maxLength: 300 }),
  }),
  fc.record({
    kind: fc.constant('truncated' as const),
    type: fc.constantFrom('sync' as const, 'changes' as const),
    at: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('payload' as const),
    type: fc.constantFrom('presence', 'chat', 'command', 'run', 'voice', 'sync', 'changes', 'nope', ''),
    payload: fc.oneof(fc.constantFrom(...junkValues), fc.anything({ maxDepth: 2 })),
  }),
  fc.record({ kind: fc.constant('hostile' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('frame' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('truncatedFrame' as const), at: fc.nat() }),
);

test.serial(
  'bursts of bad frames, bad payloads and hostile changes leave the room alive and its document unchanged',
  async (t) => {
    const budget = fuzzBudget(15);
    const started = Date.now();
    const dojo = dojoFixture(engine.key); // editPolicy "everyone": the attacker may edit, so only validation stops it
    const observer = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Obs' }));
    await eventually(() => observer.text(FILE) !== undefined, 5000, 'starter');
    const original = observer.text(FILE);

    let attacker = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Mal' }));
    await eventually(() => attacker.text(FILE) === original, 5000, 'attacker synced');
    // Material: a real sync message and change the server has never seen, and changes that break the shape.
    const forked = (change: (doc: DojoDoc & Record<string, unknown>) => void) =>
      A.getLastLocalChange(A.change(A.clone<DojoDoc>(attacker.doc), change as (doc: DojoDoc) => void))!;
    const realChange = forked((doc) => A.splice(doc, ['files', FILE], 0, 0, 'EVIL'));
    const [, realSync] = A.generateSyncMessage(
      A.change(A.clone<DojoDoc>(attacker.doc), (doc) => A.splice(doc, ['files', FILE], 0, 0, 'EVIL')),
      A.initSyncState(),
    );
    const orphanBase = A.change(A.clone<DojoDoc>(attacker.doc), (doc) => A.splice(doc, ['files', FILE], 0, 0, 'GHOST'));
    const orphan = A.getLastLocalChange(A.change(orphanBase, (doc) => A.splice(doc, ['files', FILE], 0, 0, 'ORPHAN')))!;
    const hostile = [
      encodeChanges([
        forked((doc) => {
          (doc.files as Record<string, unknown>)[FILE] = 42;
        }),
      ]),
      encodeChanges([
        forked((doc) => {
          doc.extra = 1;
        }),
      ]),
      encodeChanges([
        forked((doc) => {
          (doc.files as Record<string, unknown>)['evil.ts'] = { nested: 1 };
        }),
      ]),
      encodeChanges([orphan]),
    ];
    const changesFrame = encodeChanges([realChange]);
    const rawSyncFrame = Uint8Array.of(13, 0xa4, 0x73, 0x79, 0x6e, 0x63, 0x91);

    let sent = 0;
    let rejoins = 0;
    let barriers = 0;
    let failures = 0;
    const send = (message: Attack) => {
      const room = attacker.room;
      switch (message.kind) {
        case 'bytes':
          return room.sendBytes(message.type, message.bytes);
        case 'truncated': {
          const bytes = message.type === 'sync' ? realSync! : changesFrame;
          return room.sendBytes(message.type, bytes.subarray(0, message.at % bytes.byteLength));
        }
        case 'payload':
          return room.send(message.type, message.payload);
        case 'hostile':
          return room.sendBytes('changes', hostile[message.index % hostile.length]!);
        case 'frame':
          return room.connection.send(message.bytes);
        case 'truncatedFrame':
          return room.connection.send(rawSyncFrame.subarray(0, message.at % rawSyncFrame.byteLength));
      }
    };
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(attack, { minLength: 1, maxLength: 40 }), async (burst) => {
          if (!attacker.room.connection.isOpen) {
            // Undecodable frames make Colyseus close the attacker's socket: come back and keep going.
            attacker = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Mal' }));
            rejoins++;
          }
          for (const message of burst) {
            if (!attacker.room.connection.isOpen) break;
            send(message);
            sent++;
          }
          // A round trip of the bystander's (its presence coming back in the room's next batch;
          // chat is rate-limited): the room is alive and has handled what came before it.
          const anchor = ++barriers;
          const mine = observer.room.sessionId;
          observer.room.send('presence', { file: FILE, anchor, head: anchor, typing: false });
          await eventually(
            () =>
              observer.presence.some((batch) => batch.updates.some((u) => u.sessionId === mine && u.anchor === anchor)),
            10_000,
            `barrier ${anchor}`,
          );
          if (observer.closeCode !== undefined) throw new Error(`the bystander was closed (${observer.closeCode})`);
          if (observer.text(FILE) !== original) throw new Error('the document changed');
        }),
        { numRuns: budget.numRuns, seed: budget.seed, endOnFailure: true },
      );
    } catch (error) {
      failures = 1;
      t.log(`cause: ${String((error as { cause?: unknown }).cause ?? error)}`);
      throw error;
    } finally {
      t.log(fuzzReport('dojo-engine room messages', budget, started, failures));
      t.log(`${sent} messages, ${rejoins} attacker rejoins`);
    }

    // The same room, still relaying edits, and nothing hostile stored in it.
    const probe = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Probe' }));
    await eventually(() => probe.text(FILE) !== undefined, 5000, 'probe synced');
    t.is(probe.text(FILE), original);
    t.is(probe.room.roomId, dojo.dojoId, 'the same room survived');
    observer.type(FILE, 0, 'ok ');
    await eventually(() => probe.text(FILE) === `ok ${original}`, 5000, 'room still relays edits');
    for (const c of [observer, probe]) await c.leave();
    if (attacker.room.connection.isOpen) await attacker.leave();
  },
);
