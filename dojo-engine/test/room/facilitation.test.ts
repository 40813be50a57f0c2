import { randomUUID } from 'node:crypto';
import test from 'ava';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { dojoFixture } from '../helpers/tickets.ts';

const MINUTE = 60_000;
const clock = new ManualClock();
let engine: TestEngine;
test.before(async () => {
  engine = await startEngine({ clock });
});
test.after.always(() => engine?.close());

async function kata() {
  const dojo = dojoFixture(engine.key, { durationMinutes: 12, rotationMinutes: 5 });
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const facilitator = await TestDojoClient.join(
    engine.url,
    await dojo.ticket({ userId: randomUUID(), name: 'Fay', role: 'facilitator' }),
  );
  const participants = [];
  for (const [i, userId] of ids.entries()) {
    participants.push(await TestDojoClient.join(engine.url, await dojo.ticket({ userId, name: `P${i}` })));
  }
  const all = [facilitator, ...participants];
  await eventually(() => all.every((c) => c.state?.participants?.size === 4), 5000, 'roster');
  const command = (action: string, extra: Record<string, unknown> = {}) =>
    facilitator.room.send('command', { action, ...extra });
  return { dojo, facilitator, participants, all, ids, command };
}

/**
 * A round trip through the room: resolves once `client` got back a chat message
 * sent after everything before it. Whatever the room announced in the meantime
 * (it announces at once, in the tick that changed it) has arrived by then.
 */
let barriers = 0;
async function roundTrip(client: TestDojoClient): Promise<void> {
  const text = `barrier ${++barriers}`;
  client.room.send('chat', { text });
  await eventually(() => client.chat.some((message) => message.text === text), 5000, text);
}

const rotations = (client: TestDojoClient) => client.announcements.filter((a) => a.kind === 'rotation').length;

test.serial('timer and automatic rotation run on the room clock; late joiners see the remaining time', async (t) => {
  const { dojo, facilitator, participants, all, ids, command } = await kata();
  const state = () => facilitator.state;
  t.is(state().driverUserId, ids[0]);

  const start = clock.now();
  command('timer.start');
  await eventually(() => state().timer.status === 'running', 5000, 'running');
  t.is(state().timer.endsAt, start + 12 * MINUTE);
  t.is(state().timer.nextRotationAt, start + 5 * MINUTE);
  await eventually(() => participants[2]!.announcements.some((a) => a.kind === 'timer' && a.status === 'running'));

  clock.advance(5 * MINUTE);
  await eventually(() => state().driverUserId === ids[1], 5000, 'first automatic rotation');
  const rotation = participants[0]!.announcements.find((a) => a.kind === 'rotation');
  t.like(rotation, { reason: 'auto', driverUserId: ids[1], driverName: 'P1', at: start + 5 * MINUTE });
  await eventually(() => participants[1]!.state.participants.get(participants[1]!.room.sessionId)?.seat === 'driver');

  // Paused for an hour: neither the timer nor the rotation moves.
  clock.advance(1 * MINUTE);
  command('timer.pause');
  await eventually(() => state().timer.status === 'paused', 5000, 'paused');
  t.is(state().timer.remainingMs, 6 * MINUTE);
  const rotationsBeforePause = rotations(facilitator);
  clock.advance(60 * MINUTE);
  await roundTrip(facilitator);
  t.is(rotations(facilitator), rotationsBeforePause, 'no rotation while paused');

  command('timer.resume');
  await eventually(() => state().timer.status === 'running', 5000, 'resumed');
  t.is(state().driverUserId, ids[1], 'the driver did not change while paused');
  const resumedAt = clock.now();
  t.is(state().timer.endsAt, resumedAt + 6 * MINUTE);
  t.is(state().timer.nextRotationAt, resumedAt + 4 * MINUTE, 'the rotation interval resumes where it paused');

  const late = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Late' }));
  await eventually(() => late.state?.timer?.status === 'running', 5000, 'late joiner sees the timer');
  t.is(late.state.timer.endsAt, resumedAt + 6 * MINUTE);
  t.like(late.snapshot?.timer, { status: 'running', endsAt: resumedAt + 6 * MINUTE }, 'the state message agrees');
  await eventually(() => facilitator.snapshot?.participants.length === 5, 5000, 'state message roster');

  clock.advance(4 * MINUTE);
  await eventually(() => state().driverUserId === ids[2], 5000, 'second rotation');
  clock.advance(2 * MINUTE);
  await eventually(() => state().timer.status === 'ended', 5000, 'timer ended by itself');
  t.is(state().timer.remainingMs, 0);
  await eventually(() => participants[0]!.announcements.filter((a) => a.kind === 'timer').length === 4);
  t.deepEqual(
    participants[0]!.announcements.filter((a) => a.kind === 'timer').map((a) => (a as { status: string }).status),
    ['running', 'paused', 'running', 'ended'],
  );

  // Rotation stops with the timer.
  const rotationsAtEnd = rotations(facilitator);
  clock.advance(10 * MINUTE);
  await roundTrip(facilitator);
  t.is(rotations(facilitator), rotationsAtEnd, 'no rotation after the timer ended');
  t.is(state().driverUserId, ids[2]);
  for (const c of [...all, late]) await c.leave();
});

test.serial('rotate now and set driver are announced to everyone; unknown users are refused', async (t) => {
  const { facilitator, participants, all, ids, command } = await kata();
  command('rotate');
  await eventually(() => facilitator.state.driverUserId === ids[1], 5000, 'rotated');
  command('driver.set', { userId: ids[0] });
  await eventually(() => facilitator.state.driverUserId === ids[0], 5000, 'driver set');
  command('driver.set', { userId: randomUUID() });
  await eventually(() => facilitator.errors.length === 1);
  t.is(facilitator.errors[0]?.code, 'participant_not_found');
  command('timer.start');
  command('timer.end');
  await eventually(() => facilitator.state.timer.status === 'ended', 5000, 'ended');
  const rotations = participants[2]!.announcements.filter((a) => a.kind === 'rotation');
  t.deepEqual(
    rotations.map((a) => (a as { reason: string; driverUserId: string }).driverUserId),
    [ids[1], ids[0]],
  );
  for (const c of all) await c.leave();
});

test.serial('a re-created room resumes the kata: timer, driver and rotation survive disposal', async (t) => {
  const { dojo, facilitator, all, ids, command } = await kata();
  command('timer.start');
  await eventually(() => facilitator.state.timer.status === 'running', 5000, 'running');
  clock.advance(6 * MINUTE); // one automatic rotation: ids[1] drives
  await eventually(() => facilitator.state.driverUserId === ids[1], 5000, 'rotated');
  const { endsAt, nextRotationAt } = facilitator.state.timer;
  for (const c of all) await c.leave();
  await eventually(() => engine.server.metrics.rooms.size === 0, 5000, 'room disposed');

  clock.advance(1 * MINUTE);
  const back = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Back' }));
  await eventually(() => back.snapshot?.timer.status === 'running', 5000, 'timer restored');
  t.is(back.snapshot?.timer.endsAt, endsAt);
  t.is(back.snapshot?.timer.nextRotationAt, nextRotationAt);
  // Participants left in join order; each departing driver handed over, and the last one kept the seat.
  t.is(back.snapshot?.driverUserId, ids[2]);

  // The kata runs out while the room is gone again: it comes back ended.
  await back.leave();
  await eventually(() => engine.server.metrics.rooms.size === 0, 5000, 'room disposed again');
  clock.advance(30 * MINUTE);
  const late = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Late' }));
  await eventually(() => late.snapshot?.timer.status === 'ended', 5000, 'timer ended while nobody was there');
  await late.leave();
});
