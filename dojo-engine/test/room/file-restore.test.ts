import { randomUUID } from 'node:crypto';
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
const TEST_FILE = 'fizzbuzz.test.ts';

test('every file deleted at once is restored by the facilitator from history, for everyone', async (t) => {
  const dojo = dojoFixture(engine.key);
  const facilitator = await TestDojoClient.join(
    engine.url,
    await dojo.ticket({ userId: randomUUID(), name: 'Fay', role: 'facilitator' }),
  );
  const mallory = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Mallory' }), { relay: true });
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
  const all = [facilitator, mallory, bob];
  await eventually(() => all.every((c) => c.text(FILE) !== undefined), 5000, 'starter');
  bob.type(FILE, 0, '// work in progress\n');
  await eventually(() => all.every((c) => c.text(FILE)?.startsWith('// work in progress')), 5000, 'edit');
  const before = bob.text(FILE)!;

  // Under "everyone", a participant deletes every file in one change.
  mallory.edit((doc) => {
    for (const path of Object.keys(doc.files)) delete doc.files[path];
  });
  await eventually(() => all.every((c) => Object.keys(c.doc.files ?? {}).length === 0), 5000, 'all files gone');

  mallory.room.send('command', { action: 'file.restore', path: FILE });
  await eventually(() => mallory.errors.length === 1, 5000);
  t.is(mallory.errors[0]?.code, 'facilitator_only');

  for (const path of [FILE, TEST_FILE]) facilitator.room.send('command', { action: 'file.restore', path });
  await eventually(
    () => all.every((c) => c.text(FILE) === before && c.text(TEST_FILE) === dojo.settings.files[TEST_FILE]),
    5000,
    'files restored everywhere',
  );

  facilitator.room.send('command', { action: 'file.restore', path: FILE });
  facilitator.room.send('command', { action: 'file.restore', path: 'never-existed.ts' });
  await eventually(() => facilitator.errors.length === 2, 5000);
  t.deepEqual(
    facilitator.errors.map((error) => error.code),
    ['nothing_to_restore', 'nothing_to_restore'],
  );

  // The restored files are stored like any edit: a room re-created from Postgres has them.
  for (const c of all) await c.leave();
  await eventually(() => engine.server.metrics.rooms.size === 0, 30_000, 'room disposed');
  const back = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Back' }));
  await eventually(() => back.text(FILE) === before, 5000, 'restored file reloaded');
  await back.leave();
});
