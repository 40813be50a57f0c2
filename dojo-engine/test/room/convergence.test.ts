import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

let engine: TestEngine;
test.before(async () => {
  engine = await startEngine();
});
test.after.always(() => engine?.close());

const FILE = 'fizzbuzz.ts';
const EDITS = 30;

for (const relay of [false, true]) {
  const mode = relay ? 'relay (changes fast path)' : 'sync protocol only';
  test.serial(`two clients get the starter files and converge on concurrent edits — ${mode}`, async (t) => {
    const dojo = dojoFixture(engine.key);
    const a = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada' }), { relay });
    const b = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }), { relay });
    t.is(a.room.roomId, dojo.dojoId, 'the room id is the dojo id');
    t.is(b.room.roomId, dojo.dojoId);
    await eventually(() => a.text(FILE) !== undefined && b.text(FILE) !== undefined, 5000, 'starter files');
    t.is(a.text(FILE), dojo.settings.files[FILE]);

    // Concurrent edits: both type before seeing each other's.
    for (let i = 0; i < EDITS; i++) {
      a.type(FILE, 0, 'a');
      b.type(FILE, b.text(FILE)!.length, 'b');
    }
    await eventually(
      () => a.text(FILE) === b.text(FILE) && a.text(FILE)!.length === dojo.settings.files[FILE]!.length + 2 * EDITS,
      30_000,
      'convergence',
    );
    const text = a.text(FILE)!;
    t.true(text.startsWith('a'.repeat(EDITS)));
    t.true(text.endsWith('b'.repeat(EDITS)));
    t.deepEqual(a.errors, []);
    t.deepEqual(b.errors, []);
    await a.leave();
    await b.leave();
  });
}
