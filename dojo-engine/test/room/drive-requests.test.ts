import { randomUUID } from 'node:crypto';
import type { DriveRequested } from '@pocdojo/common/contracts/dojo-protocol/messages';
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

test('a navigator asks to drive; the driver hands over; bad requests and accepts change nothing', async (t) => {
  const dojo = dojoFixture(engine.key);
  const [bobId, carolId, danId] = [randomUUID(), randomUUID(), randomUUID()];
  const fay = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Fay', role: 'facilitator' }));
  const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: bobId, name: 'Bob' }));
  const carol = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: carolId, name: 'Carol' }));
  const dan = await TestDojoClient.join(engine.url, await dojo.ticket({ userId: danId, name: 'Dan' }));
  const all = [fay, bob, carol, dan];
  await eventually(() => all.every((c) => c.snapshot?.participants.length === 4), 5000, 'roster');
  t.is(bob.snapshot?.driverUserId, bobId, 'the first participant drives');
  const requests = new Map<TestDojoClient, DriveRequested[]>(all.map((c) => [c, []]));
  for (const client of all)
    client.room.onMessage('drive.requested', (r: DriveRequested) => requests.get(client)!.push(r));
  const errorCodes = (client: TestDojoClient) => client.errors.map((e) => e.code);

  // Carol asks: everyone hears it, the driver and the facilitator can act on it.
  carol.room.send('drive.request', {});
  await eventually(() => all.every((c) => requests.get(c)!.length === 1), 5000, 'request heard');
  t.like(requests.get(bob)![0], { userId: carolId, name: 'Carol' });

  // Asking again at once is rate-limited; the driver and facilitators cannot ask; payloads are checked.
  carol.room.send('drive.request', {});
  bob.room.send('drive.request', {});
  fay.room.send('drive.request', {});
  dan.room.send('drive.request', { please: true });
  await eventually(() => errorCodes(carol).includes('rate_limited'), 5000, 'rate limit');
  await eventually(() => errorCodes(bob).includes('drive_request_invalid'), 5000, 'driver asks');
  await eventually(() => errorCodes(fay).includes('drive_request_invalid'), 5000, 'facilitator asks');
  await eventually(() => errorCodes(dan).includes('malformed_message'), 5000, 'bad payload');

  // Only the driver or a facilitator hands over, and only to someone who asked.
  dan.room.send('drive.accept', { userId: carolId });
  bob.room.send('drive.accept', { userId: danId });
  await eventually(() => errorCodes(dan).includes('drive_accept_forbidden'), 5000, 'navigator accepts');
  await eventually(() => errorCodes(bob).includes('drive_request_invalid'), 5000, 'nobody asked');
  t.is(bob.snapshot?.driverUserId, bobId, 'nothing changed');

  bob.room.send('drive.accept', { userId: carolId });
  await eventually(() => all.every((c) => c.snapshot?.driverUserId === carolId), 5000, 'Carol drives');
  await eventually(() => bob.announcements.some((a) => a.kind === 'rotation' && a.driverUserId === carolId), 5000);

  // A request is answered by any change of driver: it cannot be accepted later.
  clock.advance(20_000);
  dan.room.send('drive.request', {});
  await eventually(() => requests.get(carol)!.some((r) => r.userId === danId), 5000, 'Dan asks Carol');
  fay.room.send('command', { action: 'driver.set', userId: bobId });
  await eventually(() => all.every((c) => c.snapshot?.driverUserId === bobId), 5000, 'Fay picks Bob');
  const before = errorCodes(bob).length;
  bob.room.send('drive.accept', { userId: danId });
  await eventually(() => errorCodes(bob).length > before, 5000, 'stale request refused');
  t.is(errorCodes(bob).at(-1), 'drive_request_invalid');
  t.is(bob.snapshot?.driverUserId, bobId);
  await Promise.all(all.map((c) => c.leave()));
});
