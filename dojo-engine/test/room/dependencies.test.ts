import * as A from '@automerge/automerge';
import { encodeChanges } from '@pocdojo/common/contracts/dojo-protocol/encoding';
import { Limits } from '@pocdojo/common/contracts/dojo-protocol/messages';
import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { dojoFixture } from '../helpers/tickets.ts';

const clock = new ManualClock();
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ clock });
});
test.after.always(() => engine?.close());

const FILE = 'fizzbuzz.ts';

/** Two successive local changes of `client`'s document, returned without sending either. */
function twoChanges(client: TestDojoClient, first: string, second: string) {
  const one = A.change(client.doc, (doc) => A.splice(doc, ['files', FILE], 0, 0, first));
  const firstChange = A.getLastLocalChange(one)!;
  const two = A.change(one, (doc) => A.splice(doc, ['files', FILE], 0, 0, second));
  return { firstChange, secondChange: A.getLastLocalChange(two)!, doc: two };
}

async function dojoWithTwo() {
  const dojo = dojoFixture(engine.key);
  const mallory = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Mallory' }), { relay: true });
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }), { relay: true });
  await eventually(() => mallory.text(FILE) !== undefined && bob.text(FILE) !== undefined, 5000, 'starter');
  return { dojo, mallory, bob, starter: bob.text(FILE)! };
}

test.serial('a change whose dependencies never arrive is held back, then refused with a reset', async (t) => {
  const { dojo, mallory, bob, starter } = await dojoWithTwo();
  const { secondChange } = twoChanges(mallory, 'GHOST ', 'ORPHAN ');
  // Only the second change: it depends on one the room never receives.
  mallory.room.sendBytes('changes', encodeChanges([secondChange]));
  // Two chat round trips: the room has handled the change, and fanned out whatever it accepted.
  for (const text of ['sent', 'again']) {
    mallory.room.send('chat', { text });
    await eventually(() => bob.chat.some((message) => message.text === text), 5000, text);
  }
  t.is(bob.text(FILE), starter, 'the orphan was not applied anywhere');
  await eventually(
    () => [...engine.server.metrics.rooms].every((room) => room.persistBacklog() === 0),
    30_000,
    'persisted',
  );
  const stored = await engine.server.store.loadDocument(dojo.tenantId as never, dojo.dojoId as never);
  t.false(
    (stored?.changes ?? []).some((change) => Buffer.from(change).equals(Buffer.from(secondChange))),
    'the orphan was not stored',
  );

  clock.advance(Limits.dependencyWaitMs + 1);
  await eventually(() => mallory.errors.length > 0 && mallory.resets > 0, 5000, 'refusal');
  t.like(mallory.errors[0], { code: 'missing_dependencies', ref: 'changes' });
  await eventually(() => mallory.text(FILE) === starter, 5000, 'reset to the room document');
  t.is(bob.text(FILE), starter);
  t.deepEqual(bob.errors, []);
  await mallory.leave();
  await bob.leave();
});

test.serial('a change that arrives before its dependency waits for it, then both are applied in order', async (t) => {
  const { mallory, bob, starter } = await dojoWithTwo();
  const { firstChange, secondChange } = twoChanges(mallory, 'one ', 'two ');
  mallory.room.sendBytes('changes', encodeChanges([secondChange]));
  mallory.room.sendBytes('changes', encodeChanges([firstChange]));
  await eventually(() => bob.text(FILE) === `two one ${starter}`, 5000, 'both changes relayed');
  clock.advance(Limits.dependencyWaitMs + 1);
  mallory.room.send('chat', { text: 'later' });
  await eventually(() => mallory.chat.some((message) => message.text === 'later'), 5000, 'chat');
  t.deepEqual(mallory.errors, [], 'nothing refused');
  await mallory.leave();
  await bob.leave();
});
