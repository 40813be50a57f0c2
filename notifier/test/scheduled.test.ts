import { randomUUID } from 'node:crypto';
import test from 'ava';
import { NotifierWorld, notificationEnvelope } from './helpers/notifier-world.ts';

const person = () => ({
  userId: randomUUID(),
  email: `p${randomUUID().slice(0, 6)}@acme.test`,
  name: 'Pat',
  locale: 'en' as const,
});

function starting(tenantId: string, dojoId: string, recipient: ReturnType<typeof person>, title: string, inMs: number) {
  return notificationEnvelope(tenantId, {
    kind: 'dojo.starting',
    recipients: [recipient],
    params: { dojoTitle: title, startsAt: new Date(Date.now() + 600_000).toISOString() },
    link: `/dojos/${dojoId}`,
    deliverAt: new Date(Date.now() + inMs).toISOString(),
    scheduleKey: `dojo:${dojoId}:starting`,
  });
}

test('a scheduled notification fires once with two replicas, at its newest time and text', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  await world.startNotifier({ POLL_INTERVAL_MS: '50' });
  await world.startNotifier({ POLL_INTERVAL_MS: '50' });
  const tenantId = randomUUID();
  const dojoId = randomUUID();
  const who = person();
  await world.publish(starting(tenantId, dojoId, who, 'Old title', 1500));
  await world.waitForRow('select count(*) from scheduled_notifications', [], (n) => n === 1);
  // Rescheduled: a newer event with the same key replaces the pending one.
  await world.publish(starting(tenantId, dojoId, who, 'Bowling kata', 2500));
  await world.waitForRow(`select count(*) from scheduled_notifications where fired_at is not null`, [], (n) => n === 1);
  await world.waitForRow(`select count(*) from deliveries where status = 'sent'`, [], (n) => n >= 2);
  const email = await world.inbox.waitFor(() => world.inbox.emails[0]);
  t.is(email.subject, 'The dojo Bowling kata starts in 10 minutes');
  t.is(world.inbox.emails.length, 1);
  t.is(Number((await world.query<{ n: string }>('select count(*) as n from notifications')).rows[0]?.n), 1);
  t.is(Number((await world.query<{ n: string }>('select count(*) as n from deliveries')).rows[0]?.n), 2);
});

test('a scheduled notification survives a restart: the next notifier fires what came due while none ran', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  const first = await world.startNotifier();
  const tenantId = randomUUID();
  const who = person();
  await world.publish(starting(tenantId, randomUUID(), who, 'Mars rover', 1500));
  await world.waitForRow('select count(*) from scheduled_notifications', [], (n) => n === 1);
  await first.stop();
  world.notifiers.splice(world.notifiers.indexOf(first), 1);
  await world.waitForRow('select count(*) from scheduled_notifications where fire_at <= now()', [], (n) => n === 1);
  t.is(world.inbox.emails.length, 0);
  await world.startNotifier();
  const email = await world.inbox.waitFor(() => world.inbox.emails[0]);
  t.is(email.subject, 'The dojo Mars rover starts in 10 minutes');
  t.is(Number((await world.query<{ n: string }>('select count(*) as n from notifications')).rows[0]?.n), 1);
});
