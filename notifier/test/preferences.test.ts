import { randomUUID } from 'node:crypto';
import test from 'ava';
import { NotifierWorld, notificationEnvelope } from './helpers/notifier-world.ts';

test('each user gets a kind only on the channels they kept on; devices get pushes and dead tokens are pruned', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  const notifier = await world.startNotifier();
  const tenantId = randomUUID();
  const noEmail = { userId: randomUUID(), email: 'no-email@acme.test', name: 'Nia', locale: 'en' as const };
  const noBell = { userId: randomUUID(), email: 'no-bell@acme.test', name: 'Noel', locale: 'en' as const };
  const tokenA = await world.token(tenantId, noEmail.userId);
  const tokenB = await world.token(tenantId, noBell.userId);

  const off = await world.api(notifier, tokenA, '/v1/notification-preferences/job.failed', {
    method: 'PUT',
    body: JSON.stringify({ email: false, push: true, inApp: true }),
  });
  t.is(off.status, 200);
  await world.api(notifier, tokenB, '/v1/notification-preferences/job.failed', {
    method: 'PUT',
    body: JSON.stringify({ email: true, push: false, inApp: false }),
  });
  const listed = await world.api(notifier, tokenA, '/v1/notification-preferences');
  t.deepEqual(
    listed.body.items.find((i: { kind: string }) => i.kind === 'job.failed'),
    { kind: 'job.failed', email: false, push: true, inApp: true },
  );
  t.false(listed.body.items.some((i: { kind: string }) => i.kind === 'password.reset_requested'));
  const bad = await world.api(notifier, tokenA, '/v1/notification-preferences/password.changed', {
    method: 'PUT',
    body: JSON.stringify({ email: false, push: false, inApp: false }),
  });
  t.is(bad.status, 404);
  const invalid = await world.api(notifier, tokenA, '/v1/notification-preferences/job.failed', {
    method: 'PUT',
    body: JSON.stringify({ email: 'no' }),
  });
  t.is(invalid.status, 400);
  t.truthy(invalid.body.errors.length);

  t.is(
    (
      await world.api(notifier, tokenA, '/v1/devices', {
        method: 'POST',
        body: JSON.stringify({ platform: 'ios', token: 'a1b2c3d4e5f6' }),
      })
    ).status,
    201,
  );
  t.is(
    (
      await world.api(notifier, tokenA, '/v1/devices', {
        method: 'POST',
        body: JSON.stringify({ platform: 'ios', token: 'a1b2c3d4e5f6' }),
      })
    ).status,
    200,
  );
  t.is(
    (
      await world.api(notifier, tokenA, '/v1/devices', {
        method: 'POST',
        body: JSON.stringify({ platform: 'android', token: 'invalid-0000000' }),
      })
    ).status,
    201,
  );
  t.is(
    (
      await world.api(notifier, tokenA, '/v1/devices', {
        method: 'POST',
        body: JSON.stringify({ platform: 'windows', token: 'x' }),
      })
    ).status,
    400,
  );

  await world.publish(
    notificationEnvelope(tenantId, {
      kind: 'job.failed',
      recipients: [noEmail, noBell],
      params: { jobKind: 'report', error: 'no POCs in that year' },
      link: '/media',
    }),
  );
  await world.waitForRow(`select count(*) from deliveries where status = 'sent'`, [], (n) => n === 2);
  const push = await world.inbox.waitFor(() => world.inbox.pushes[0]);
  t.is(push.title, 'Your report could not be made');
  t.is(push.token, 'a1b2c3d4e5f6');
  t.is(push.url, 'http://web.test:8080/media');
  t.deepEqual(
    world.inbox.emails.map((e) => e.to),
    [[noBell.email]],
  );
  t.is((await world.api(notifier, tokenA, '/v1/notifications')).body.unreadCount, 1);
  t.is((await world.api(notifier, tokenB, '/v1/notifications')).body.unreadCount, 0);
  // The dead token was pruned; the good one stays.
  const devices = await world.query<{ token: string }>('select token from devices order by token');
  t.deepEqual(
    devices.rows.map((r) => r.token),
    ['a1b2c3d4e5f6'],
  );
  t.is(
    (
      await world.api(notifier, tokenA, '/v1/devices', {
        method: 'DELETE',
        body: JSON.stringify({ platform: 'ios', token: 'a1b2c3d4e5f6' }),
      })
    ).status,
    204,
  );
  t.is((await world.query('select 1 from devices')).rowCount, 0);
});
