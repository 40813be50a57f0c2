import { randomUUID } from 'node:crypto';
import test from 'ava';
import pg from 'pg';
import { NotifierWorld, notificationEnvelope } from './helpers/notifier-world.ts';

test("a tenant never sees another tenant's notifications, deliveries or devices, even with a forgotten filter", async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  const notifier = await world.startNotifier();
  const acme = randomUUID();
  const globex = randomUUID();
  // The same user id in two tenants (ids are per token; RLS keys on the tenant).
  const userId = randomUUID();
  const person = { userId, email: 'sam@example.test', name: 'Sam', locale: 'en' as const };
  await world.publish(
    notificationEnvelope(acme, {
      kind: 'member.added',
      recipients: [person],
      params: { memberName: 'X', tenantName: 'Acme' },
    }),
  );
  await world.waitForRow('select count(*) from deliveries where status = $1', ['sent'], (n) => n === 2);
  const acmeToken = await world.token(acme, userId, ['owner']);
  const globexToken = await world.token(globex, userId, ['owner']);

  const mine = await world.api(notifier, acmeToken, '/v1/notifications');
  t.is(mine.body.items.length, 1);
  const theirs = await world.api(notifier, globexToken, '/v1/notifications');
  t.deepEqual(theirs.body, { items: [], nextCursor: null, unreadCount: 0 });
  const read = await world.api(notifier, globexToken, `/v1/notifications/${mine.body.items[0].id}/read`, {
    method: 'POST',
  });
  t.is(read.status, 404);
  t.is((await world.api(notifier, globexToken, '/v1/deliveries')).body.items.length, 0);
  t.is((await world.api(notifier, acmeToken, '/v1/deliveries')).body.items.length, 2);
  const member = await world.token(acme, randomUUID(), ['member']);
  t.is((await world.api(notifier, member, '/v1/deliveries')).status, 403);

  // The app role with no tenant set sees nothing at all: RLS is forced.
  const client = new pg.Client({ connectionString: world.appUrl });
  await client.connect();
  t.teardown(() => client.end());
  for (const table of [
    'notifications',
    'deliveries',
    'devices',
    'notification_preferences',
    'scheduled_notifications',
  ]) {
    t.is((await client.query(`select * from ${table}`)).rowCount, 0, table);
  }
  await client.query('begin');
  await client.query(`select set_config('app.tenant_id', $1, true)`, [globex]);
  await t.throwsAsync(
    client.query(
      `insert into notifications (id, tenant_id, user_id, event_id, kind, title, body) values ($1, $2, $3, $4, 'x', 'x', 'x')`,
      [randomUUID(), acme, userId, randomUUID()],
    ),
    { message: /row-level security/ },
  );
  await client.query('rollback');
});
