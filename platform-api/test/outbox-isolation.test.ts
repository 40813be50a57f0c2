import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { parseEnvelope, Queues, type TypedEnvelope } from '@pocdojo/common/contracts/events';
import test from 'ava';
import pg from 'pg';
import { ApiClient, signUpTeam } from './helpers/client.ts';
import { INTERNAL_TOKEN, startTestPlatform, type TestPlatform } from './helpers/platform.ts';

let platform: TestPlatform;
let api: ApiClient;
let owner: pg.Client;

test.before(async () => {
  // Short backoff so a refused event reaches the dead-letter table within a couple of seconds.
  platform = await startTestPlatform({}, { relay: { intervalMs: 100, maxAttempts: 4, backoffMs: 100 } });
  api = new ApiClient(platform.url);
  owner = new pg.Client({ connectionString: platform.ownerUrl });
  await owner.connect();
});
test.after.always(async () => {
  await owner?.end();
  await platform?.close();
});

/** Receives poc-events until `done` says so (or 20 s pass), deleting what it reads. */
async function receiveUntil(done: (events: TypedEnvelope[]) => boolean): Promise<TypedEnvelope[]> {
  const events: TypedEnvelope[] = [];
  const deadline = Date.now() + 20_000;
  while (!done(events) && Date.now() < deadline) {
    const out = await platform.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: platform.queueUrls[Queues.pocEvents],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of out.Messages ?? []) {
      events.push(parseEnvelope(message.Body ?? ''));
      await platform.sqs.send(
        new DeleteMessageCommand({
          QueueUrl: platform.queueUrls[Queues.pocEvents],
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
    }
  }
  return events;
}

/** The value of a one-series metric (labels ignored), as Prometheus would scrape it. */
async function metric(name: string): Promise<number> {
  const text = await platform.api.deps.registry.metrics();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
}

const upsertedNames = (events: TypedEnvelope[]) =>
  events.flatMap((event) => (event.type === 'poc.upserted' ? [event.data.name] : []));

test.serial('emoji and every other valid Unicode pass through SQS exactly', async (t) => {
  const team = await signUpTeam(api);
  const names = ['😀 Emoji POC', 'Ação 🧪 química', '中文 项目', 'Zwölf Boxkämpfer 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];
  for (const name of names) t.is((await team.owner.post('/v1/pocs', { name, languages: ['go'] })).status, 201);
  const events = await receiveUntil((seen) => seen.length >= names.length);
  t.deepEqual(upsertedNames(events).sort(), [...names].sort());
  await platform.api.relay.flush();
  const pending = await owner.query('select count(*)::int as n from outbox where sent_at is null');
  t.is(pending.rows[0].n, 0);
});

test.serial(
  'an event SQS refuses is retried, then dead-lettered; it holds up only the later events of its own POC',
  async (t) => {
    const attacker = await signUpTeam(api);
    const victim = await signUpTeam(api);
    const poc = (await attacker.owner.post('/v1/pocs', { name: 'Poisoned', languages: ['go'] })).body;
    await receiveUntil((seen) => seen.length >= 1);

    // An event SQS cannot carry (1.1 MB: over the message size limit, and it makes its whole batch too long).
    const poisonId = randomUUID();
    const poison = {
      id: poisonId,
      type: 'poc.upserted',
      tenantId: attacker.tenant.id,
      occurredAt: new Date().toISOString(),
      data: { id: poc.id, padding: 'x'.repeat(1_100_000) },
    };
    await owner.query(
      `insert into outbox (id, tenant_id, queue, type, group_key, payload) values ($1, $2, 'poc-events', 'poc.upserted', $3, $4)`,
      [poisonId, attacker.tenant.id, poc.id, JSON.stringify(poison)],
    );
    // A later event of the same POC, then other tenants' and other POCs' events.
    t.is((await attacker.owner.patch(`/v1/pocs/${poc.id}`, { name: 'Renamed' }, { 'if-match': '"1"' })).status, 200);
    t.is((await victim.owner.post('/v1/pocs', { name: 'Victim POC', languages: ['go'] })).status, 201);
    t.is((await attacker.owner.post('/v1/pocs', { name: 'Another POC', languages: ['go'] })).status, 201);

    const events = await receiveUntil((seen) => upsertedNames(seen).includes('Renamed'));
    const names = upsertedNames(events);
    t.true(names.includes('Victim POC'), 'another tenant’s event flowed');
    t.true(names.includes('Another POC'), 'another POC of the same tenant flowed');
    t.true(names.includes('Renamed'), 'the later event of the poisoned POC went once the poison was dead-lettered');
    t.false(events.some((event) => event.id === poisonId));

    // The poison was dead-lettered before its POC's later event could go: visible to operators, counted, logged.
    const dead = await api.as(INTERNAL_TOKEN).get(`/internal/v1/outbox/dead-letters?tenantId=${attacker.tenant.id}`);
    t.is(dead.status, 200);
    t.is(dead.body.items.length, 1);
    t.like(dead.body.items[0], { id: poisonId, tenantId: attacker.tenant.id, groupKey: poc.id, attempts: 4 });
    t.regex(dead.body.items[0].lastError, /too ?long|shorter than|size/i);
    t.is(
      (await api.as(INTERNAL_TOKEN).get(`/internal/v1/outbox/dead-letters?tenantId=${victim.tenant.id}`)).body.items
        .length,
      0,
    );
    t.is((await api.get('/internal/v1/outbox/dead-letters')).status, 401);
    t.is(await metric('outbox_dead_lettered_total'), 1);
    t.is(await metric('outbox_dead_letters'), 1);
    t.is(await metric('outbox_refused_total'), 4);
  },
);

test.serial('the oldest pending event’s age is a metric', async (t) => {
  const team = await signUpTeam(api);
  // Pending an hour and not due for another: the relay leaves it, the gauge must see it.
  await owner.query(
    `insert into outbox (id, tenant_id, queue, type, group_key, payload, created_at, next_attempt_at)
     values ($1, $2, 'poc-events', 'poc.deleted', $3, '{}', now() - interval '1 hour', now() + interval '1 hour')`,
    [randomUUID(), team.tenant.id, randomUUID()],
  );
  const age = await metric('outbox_oldest_pending_seconds');
  t.true(age >= 3600 && age < 3700, String(age));
  await owner.query(`delete from outbox where tenant_id = $1`, [team.tenant.id]);
  const after = await metric('outbox_oldest_pending_seconds');
  t.true(after < 60, String(after));
});
