import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import test from 'ava';
import { NotifierWorld, notificationEnvelope } from './helpers/notifier-world.ts';

const EVENTS = 300;

test('a notifier killed mid-batch loses nothing and duplicates no notification when SQS redelivers', async (t) => {
  // 300 events through a real SMTP server, a SIGKILL and a visibility timeout: minutes on a busy machine.
  t.timeout(6 * 60_000);
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  const tenantId = randomUUID();
  const events = Array.from({ length: EVENTS }, (_, i) =>
    notificationEnvelope(tenantId, {
      kind: 'job.succeeded',
      recipients: [{ userId: randomUUID(), email: `u${i}@acme.test`, name: `U${i}`, locale: 'en' }],
      params: { jobKind: 'report' },
      link: '/media',
    }),
  );
  await world.publish(...events);

  // A real notifier process, SIGKILLed once it is part-way through the queue.
  const child = spawn(process.execPath, [join(import.meta.dirname, '../src/main.ts')], {
    env: { ...process.env, ...world.env, PUSH_TRANSPORT: 'off', SQS_VISIBILITY_SECONDS: '3' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await world.waitForRow('select count(*) from notifications', [], (n) => n >= 30);
  child.kill('SIGKILL');
  await exited;
  const atKill = await world.query<{ inapp: string; sending: string }>(
    `select (select count(*) from notifications) as inapp,
            (select count(*) from deliveries where status = 'sending') as sending`,
  );
  const leased = Number(atKill.rows[0]?.sending);
  t.true(Number(atKill.rows[0]?.inapp) < EVENTS, 'killed before the end');

  // Its unacknowledged messages come back after the visibility timeout (3 s here), its leased deliveries
  // after the lease (shortened here, as if the time had passed).
  await world.query(`update deliveries set next_attempt_at = now() where status = 'sending'`);
  // The same settings as the killed process: with push on, the events it had not reached would get push
  // deliveries too, and the e-mails could not be counted against the events.
  await world.startNotifier({ PUSH_TRANSPORT: 'off' });
  await world.waitForRow('select count(*) from notifications', [], (n) => n === EVENTS, 120_000);
  await world.waitForRow(
    `select count(*) from deliveries where status = 'sent' and channel = 'email'`,
    [],
    (n) => n === EVENTS,
    120_000,
  );

  const inApp = await world.query<{ n: string; events: string }>(
    'select count(*) as n, count(distinct event_id) as events from notifications',
  );
  t.is(Number(inApp.rows[0]?.n), EVENTS);
  t.is(Number(inApp.rows[0]?.events), EVENTS);
  await world.inbox.waitFor(() => new Set(world.inbox.emails.map((e) => e.messageId)).size === EVENTS);
  // E-mail is at least once at the SMTP boundary: only a delivery that was mid-send at the kill may repeat,
  // and it repeats with the same Message-ID.
  t.true(
    world.inbox.emails.length <= EVENTS + leased,
    `${world.inbox.emails.length} e-mails, ${leased} leased at the kill`,
  );
  const recipients = new Set(world.inbox.emails.flatMap((e) => e.to));
  t.is(recipients.size, EVENTS);
});
