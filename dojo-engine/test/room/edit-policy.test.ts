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

/** A driver-policy dojo with a facilitator, a driver and two navigators (one relay, one sync-only). */
async function driverDojo() {
  const dojo = dojoFixture(engine.key, { editPolicy: 'driver' });
  const ids = { facilitator: randomUUID(), driver: randomUUID(), navigator: randomUUID(), syncNavigator: randomUUID() };
  const join = async (userId: string, name: string, role: 'facilitator' | 'participant', relay = false) =>
    TestDojoClient.join(engine.url, await dojo.ticket({ userId, name, role }), { relay });
  const facilitator = await join(ids.facilitator, 'Fay', 'facilitator');
  const driver = await join(ids.driver, 'Dee', 'participant');
  const navigator = await join(ids.navigator, 'Nav', 'participant', true);
  const syncNavigator = await join(ids.syncNavigator, 'Syd', 'participant');
  const all = [facilitator, driver, navigator, syncNavigator];
  await eventually(() => all.every((c) => c.text(FILE) !== undefined), 5000, 'starter files');
  await eventually(() => all.every((c) => c.state?.participants?.size === 4 && c.state.driverUserId), 5000, 'roster');
  return { dojo, ids, facilitator, driver, navigator, syncNavigator, all };
}

test.serial(
  'with editPolicy "driver", navigators’ edits are refused, never forwarded, and undone on their side',
  async (t) => {
    const { ids, facilitator, driver, navigator, syncNavigator, all } = await driverDojo();
    t.is(facilitator.state.driverUserId, ids.driver, 'the first participant drives');
    const seats = Object.fromEntries([...facilitator.state.participants.values()].map((p: any) => [p.name, p.seat]));
    t.deepEqual(seats, { Fay: 'observer', Dee: 'driver', Nav: 'navigator', Syd: 'navigator' });

    driver.type(FILE, 0, 'D');
    facilitator.type(FILE, 0, 'F');
    await eventually(
      () => new Set(all.map((c) => c.text(FILE))).size === 1 && /^(FD|DF)/.test(driver.text(FILE)!),
      5000,
    );
    const agreed = driver.text(FILE);

    navigator.type(FILE, 0, 'N'); // fast path
    syncNavigator.type(FILE, 0, 'S'); // sync protocol
    await eventually(() => navigator.resets >= 1 && syncNavigator.resets >= 1, 5000, 'resets');
    t.like(navigator.errors[0], { code: 'edit_forbidden', ref: 'changes' });
    t.like(syncNavigator.errors[0], { code: 'edit_forbidden', ref: 'sync' });
    await eventually(() => navigator.text(FILE) === agreed && syncNavigator.text(FILE) === agreed, 5000, 'undone');

    // After the reset both navigators still follow the driver.
    driver.type(FILE, 0, '!');
    await eventually(() => all.every((c) => c.text(FILE) === `!${agreed}`), 5000, 'navigators follow after reset');
    t.deepEqual(driver.errors, []);
    t.deepEqual(facilitator.errors, []);
    for (const c of all) await c.leave();
  },
);

test.serial(
  'when the facilitator hands the keyboard over, the new driver may edit and the old one may not',
  async (t) => {
    const { ids, facilitator, driver, navigator, all } = await driverDojo();
    facilitator.room.send('command', { action: 'driver.set', userId: ids.navigator });
    await eventually(() => driver.state.driverUserId === ids.navigator, 5000, 'new driver');
    const announced = driver.announcements.find((a) => a.kind === 'rotation');
    t.like(announced, { kind: 'rotation', reason: 'manual', driverUserId: ids.navigator, driverName: 'Nav' });

    navigator.type(FILE, 0, 'N');
    await eventually(() => all.every((c) => c.text(FILE)?.startsWith('N')), 5000, 'new driver’s edit everywhere');
    driver.type(FILE, 0, 'X');
    await eventually(() => driver.errors.length === 1 && driver.text(FILE)?.startsWith('N') === true, 5000);
    t.is(driver.errors[0]?.code, 'edit_forbidden');
    for (const c of all) await c.leave();
  },
);

test.serial(
  'facilitation commands from a participant are refused with facilitator_only and change nothing',
  async (t) => {
    const { ids, facilitator, driver, all } = await driverDojo();
    const commands = [
      { action: 'timer.start' },
      { action: 'timer.pause' },
      { action: 'timer.end' },
      { action: 'rotate' },
      { action: 'driver.set', userId: ids.syncNavigator },
      { action: 'participant.remove', userId: ids.facilitator },
    ];
    for (const command of commands) driver.room.send('command', command);
    await eventually(() => driver.errors.length === commands.length, 5000, 'all refused');
    t.true(driver.errors.every((e) => e.code === 'facilitator_only' && e.ref === 'command'));
    t.is(facilitator.state.timer.status, 'idle');
    t.is(facilitator.state.driverUserId, ids.driver);
    t.is(facilitator.state.participants.size, 4);

    facilitator.room.send('command', { action: 'timer.pause' });
    facilitator.room.send('command', { action: 'launch.rockets' });
    await eventually(() => facilitator.errors.length === 2, 5000);
    t.deepEqual(
      facilitator.errors.map((e) => e.code),
      ['invalid_timer_state', 'malformed_message'],
    );
    for (const c of all) await c.leave();
  },
);

test.serial('a facilitator removes a participant: closed with 4100, announced, and refused on rejoin', async (t) => {
  const { dojo, ids, facilitator, syncNavigator, all } = await driverDojo();
  facilitator.room.send('command', { action: 'participant.remove', userId: ids.syncNavigator });
  await eventually(() => syncNavigator.closeCode !== undefined, 5000, 'removed client closed');
  t.is(syncNavigator.closeCode, 4100);
  await eventually(() => facilitator.announcements.some((a) => a.kind === 'removed'), 5000);
  await eventually(() => facilitator.state.participants.size === 3, 5000, 'roster without the removed user');
  const refused = await t.throwsAsync(
    TestDojoClient.join(engine.url, await dojo.ticket({ userId: ids.syncNavigator, name: 'Syd' })),
  );
  t.regex(refused?.message ?? '', /participant_removed/);
  for (const c of all) if (c !== syncNavigator) await c.leave();

  // The removal is kept with the dojo: a room re-created after everyone left still refuses them.
  await eventually(() => engine.server.metrics.rooms.size === 0, 30_000, 'room disposed');
  const again = await t.throwsAsync(
    TestDojoClient.join(engine.url, await dojo.ticket({ userId: ids.syncNavigator, name: 'Syd' })),
  );
  t.regex(again?.message ?? '', /participant_removed/);
  const other = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Someone else' }));
  await eventually(() => other.welcome !== undefined, 5000, 'others still join');
  await other.leave();
});

test.serial('changed dojo settings reach the live room: a ticket with a newer version turns on "driver"', async (t) => {
  const dojo = dojoFixture(engine.key, { editPolicy: 'everyone', version: 3 });
  const driverId = randomUUID();
  const navigatorId = randomUUID();
  const driver = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: driverId, name: 'Dee' }));
  const navigator = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: navigatorId, name: 'Nav' }));
  await eventually(() => navigator.text(FILE) !== undefined && navigator.state?.driverUserId === driverId, 5000);
  navigator.type(FILE, 0, 'a');
  await eventually(() => driver.text(FILE)?.startsWith('a') === true, 5000, 'everyone may edit');

  // The facilitator switched the dojo to "driver" (version 4); the navigator rejoins with a fresh ticket.
  await navigator.leave();
  const rejoined = await TestDojoClient.join(
    engine.url,
    await dojo.ticket({ userId: navigatorId, name: 'Nav' }, { settings: { editPolicy: 'driver', version: 4 } }),
  );
  await eventually(() => rejoined.snapshot?.editPolicy === 'driver', 5000, 'the room runs the new policy');
  await eventually(() => driver.snapshot?.editPolicy === 'driver', 5000, 'everyone sees the new policy');
  await eventually(() => rejoined.text(FILE) !== undefined, 5000, 'document');
  rejoined.type(FILE, 0, 'b');
  await eventually(() => rejoined.errors.some((error) => error.code === 'edit_forbidden'), 5000, 'navigator refused');
  t.false(driver.text(FILE)?.startsWith('b'));

  // An older ticket (issued before the change) does not turn the policy back.
  const stale = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Stale' }));
  await eventually(() => stale.snapshot !== undefined, 5000);
  t.is(stale.snapshot?.editPolicy, 'driver');
  for (const c of [driver, rejoined, stale]) await c.leave();
});

test.serial('a change that would break the document’s shape is refused, reset, and never reaches anyone', async (t) => {
  const dojo = dojoFixture(engine.key);
  const join = async (name: string, relay: boolean) =>
    TestDojoClient.join(engine.url, await dojo.ticket({ name }), { relay });
  const [mallory, mel, bob] = [await join('Mallory', true), await join('Mel', false), await join('Bob', true)];
  const all = [mallory, mel, bob];
  await eventually(() => all.every((c) => c.text(FILE) !== undefined), 5000, 'starter files');
  const files = { ...bob.doc.files };

  mallory.edit((doc: any) => {
    doc.files[FILE] = 42; // fast path
  });
  mel.edit((doc: any) => {
    doc.files = { 'evil.ts': 'x' }; // sync protocol
  });
  await eventually(() => mallory.resets >= 1 && mel.resets >= 1, 5000, 'resets');
  t.like(mallory.errors[0], { code: 'invalid_change', ref: 'changes' });
  t.like(mel.errors[0], { code: 'invalid_change', ref: 'sync' });
  t.regex(mallory.errors[0]!.message, /must be text/);
  await eventually(() => all.every((c) => c.text(FILE) === files[FILE]), 5000, 'everyone back on the real document');

  // The room goes on: an honest edit still reaches everyone, and nobody saw the hostile ones.
  mel.type(FILE, 0, 'ok ');
  await eventually(() => all.every((c) => c.text(FILE) === `ok ${files[FILE]}`), 5000, 'an honest edit');
  t.deepEqual(Object.keys(bob.doc.files), Object.keys(files));
  t.deepEqual(bob.errors, []);
  for (const c of all) await c.leave();
});
