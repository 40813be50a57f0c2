import { randomUUID } from 'node:crypto';
import test from 'ava';
import { NotifierWorld, notificationEnvelope } from './helpers/notifier-world.ts';

const tenantId = randomUUID();
const ana = { userId: randomUUID(), email: 'ana@acme.test', name: 'Ana', locale: 'pt-BR' as const };
const bob = { userId: randomUUID(), email: 'bob@acme.test', name: 'Bob', locale: 'en' as const };

const metric = async (url: string, line: string) => {
  const text = await (await fetch(url)).text();
  const found = text.split('\n').find((l) => l.startsWith(line));
  return found ? Number(found.split(' ').at(-1)) : 0;
};

test('a finished job reaches e-mail and the bell exactly once, even when SQS delivers the event twice', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  const notifier = await world.startNotifier();
  const event = notificationEnvelope(tenantId, {
    kind: 'job.succeeded',
    recipients: [ana, bob],
    params: { jobKind: 'video' },
    link: '/media?job=123',
  });
  await world.publish(event, event);

  await world.inbox.waitFor(() => world.inbox.emails.length >= 2);
  // The second copy was taken and changed nothing.
  const deadline = Date.now() + 30_000;
  while ((await metric(notifier.metricsUrl, 'notifier_events_total{kind="job.succeeded",outcome="duplicate"')) < 1) {
    if (Date.now() > deadline) t.fail('the duplicate was never handled');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await world.waitForRow(`select count(*) from deliveries where status <> 'sent'`, [], (n) => n === 0);

  t.is(world.inbox.emails.length, 2);
  const toAna = world.inbox.emails.find((e) => e.to.includes(ana.email));
  const toBob = world.inbox.emails.find((e) => e.to.includes(bob.email));
  t.is(toAna?.subject, 'Seu vídeo está pronto');
  t.is(toBob?.subject, 'Your video is ready');
  t.regex(toAna?.text ?? '', /Olá, Ana/);
  t.regex(toAna?.html ?? '', /href="http:\/\/web\.test:8080\/media\?job=123"/);
  t.regex(toBob?.text ?? '', /Open: http:\/\/web\.test:8080\/media\?job=123/);

  const page = await world.api(notifier, await world.token(tenantId, ana.userId), '/v1/notifications');
  t.is(page.status, 200);
  t.is(page.body.unreadCount, 1);
  t.is(page.body.items.length, 1);
  t.is(page.body.items[0].title, 'Seu vídeo está pronto');
  t.is(page.body.items[0].link, '/media?job=123');
  const rows = await world.query<{ n: string }>('select count(*) as n from notifications');
  t.is(Number(rows.rows[0]?.n), 2);
});

test('account e-mails go out by e-mail only, also to someone without an account, in their language', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  await world.startNotifier();
  await world.publish(
    notificationEnvelope(tenantId, {
      kind: 'invitation.created',
      recipients: [{ userId: null, email: 'new@acme.test', name: '', locale: 'en' }],
      params: { tenantName: 'Acme', inviterName: 'Ana', role: 'admin', expiresAt: '2026-12-08T12:00:00Z' },
      link: '/invitations/accept?token=abc',
    }),
  );
  const email = await world.inbox.waitFor(() => world.inbox.emails.find((e) => e.to.includes('new@acme.test')));
  t.is(email.subject, 'Ana invited you to Acme on PocDojo');
  t.regex(email.text, /as admin/);
  t.regex(email.text, /Accept the invitation: http:\/\/web\.test:8080\/invitations\/accept\?token=abc/);
  t.is(Number((await world.query<{ n: string }>('select count(*) as n from notifications')).rows[0]?.n), 0);
});

test('a malformed event is retried, then parked in the dead-letter queue, and blocks nothing', async (t) => {
  const world = await NotifierWorld.create();
  t.teardown(() => world.close());
  await world.startNotifier();
  await world.publishRaw('{"not":"an envelope"}');
  await world.publish(
    notificationEnvelope(tenantId, {
      kind: 'member.added',
      recipients: [bob],
      params: { memberName: 'Carla', tenantName: 'Acme' },
    }),
  );
  const email = await world.inbox.waitFor(() => world.inbox.emails.find((e) => e.to.includes(bob.email)));
  t.is(email.subject, 'Carla joined Acme');
  const { ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
  const { queueUrl } = await import('@pocdojo/common/runtime/aws');
  const dlq = await queueUrl(world.sqs, 'notifications-dlq');
  let parked: string | undefined;
  const deadline = Date.now() + 60_000;
  while (!parked && Date.now() < deadline) {
    const out = await world.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1 }));
    parked = out.Messages?.[0]?.Body;
  }
  t.is(parked, '{"not":"an envelope"}');
});
