import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { ClientMessage } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import { freePort } from '@pocdojo/common/dev/ports';
import { createS3Client } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { Redis } from 'ioredis';
import { startDojoEventsConsumer } from '../../dojo-engine/src/events/dojo-events-consumer.ts';
import { RedisParticipantSeats } from '../../dojo-engine/src/scale/redis-participant-seats.ts';
import { createDojoServer, type DojoServer } from '../../dojo-engine/src/server.ts';
import { createMigratedDatabase } from '../../dojo-engine/test/helpers/database.ts';
import { eventually, TestDojoClient } from '../../dojo-engine/test/helpers/dojo-client.ts';
import type { RunningSearchIndexer } from '../../search-indexer/src/search-indexer.ts';
import { ApiClient, STRONG_PASSWORD, signUpTeam } from './helpers/client.ts';
import { joinTeam } from './helpers/invitations.ts';
import { startMediaWorker } from './helpers/media-worker.ts';
import { startTestNotifier, type TestNotifier } from './helpers/notifier.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';
import { searchUntil, startTestSearchIndexer } from './helpers/search-indexer.ts';
import { systemSql as query } from './helpers/system-sql.ts';

/**
 * Issue 12, "a test proves nothing of the tenant remains anywhere": a team used
 * every service (POCs with an attachment, a live dojo with typing, chat and
 * seats, notifications by e-mail, a report in S3, login throttling in Redis,
 * audit entries), then its owner deleted it. When the grace period ends (the
 * test's clock), the real services erase it through SQS: this test then looks
 * directly in every store — every table of every service's database (found in
 * the catalogue, not listed here), the S3 prefix, the search index, Redis, the
 * queues — for the team's id and its members' e-mails, and finds nothing but the
 * tombstone; another team is untouched.
 */
let platform: TestPlatform;
let indexer: RunningSearchIndexer;
let notifier: TestNotifier;
let worker: Awaited<ReturnType<typeof startMediaWorker>>;
let engine: DojoServer;
let engineDb: Awaited<ReturnType<typeof createMigratedDatabase>>;
let engineEvents: { stop(): Promise<void> };
let redis: Redis;
let dataDir: string;
let api: ApiClient;

test.before(async () => {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL must point at a Redis (npm test sets it)');
  const [searchPort, enginePort] = [await freePort(), await freePort()];
  platform = await startTestPlatform({
    SEARCH_URL: `http://127.0.0.1:${searchPort}`,
    DOJO_ENGINE_URL: `http://127.0.0.1:${enginePort}`,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `test-${randomUUID()}:`,
    TEAM_DELETION_GRACE_SECONDS: '3600',
  });
  redis = new Redis(redisUrl);
  dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-erasure-'));
  indexer = await startTestSearchIndexer(platform, searchPort, dataDir);
  notifier = await startTestNotifier(platform);
  worker = await startMediaWorker(platform);
  engineDb = await createMigratedDatabase();
  engine = createDojoServer({
    port: enginePort,
    host: '127.0.0.1',
    databaseUrl: engineDb.appUrl,
    keys: { jwksUrl: `${platform.url}/.well-known/jwks.json` },
    room: { emptyGraceMs: 200, reconnectSeconds: 1 },
    seats: new RedisParticipantSeats(redis),
    logger: createLogger('dojo-engine-test', process.env.LOG_LEVEL ?? 'silent'),
  });
  await engine.listen();
  engineEvents = startDojoEventsConsumer({
    sqs: platform.sqs,
    queueUrl: platform.queueUrls['dojo-events']!,
    logger: createLogger('dojo-events-test', process.env.LOG_LEVEL ?? 'silent'),
    store: engine.store,
    seats: engine.seats,
  });
  api = new ApiClient(platform.url);
});

test.after.always(async () => {
  await engineEvents?.stop();
  await engine?.close();
  await engineDb?.drop();
  await worker?.stop();
  await notifier?.stop();
  await indexer?.stop();
  await platform?.close();
  redis?.disconnect();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/**
 * Every row of every table of the database whose text holds one of `needles`
 * (the tenant id, the members' e-mails), by table. The tables come from the
 * catalogue, and a row is searched whole (`row::text`), every column at once:
 * a table or column added later is searched too.
 */
async function traces(url: string, needles: string[], spared: string[] = []) {
  const tables = await query<{ name: string }>(
    url,
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: Record<string, number> = {};
  for (const { name } of tables) {
    if (spared.includes(name)) continue;
    const [row] = await query<{ n: number }>(
      url,
      `select count(*)::int as n from "${name}" t where ${needles.map((_, i) => `position(lower($${i + 1}) in lower(t::text)) > 0`).join(' or ')}`,
      needles,
    );
    if (row!.n) found[name] = row!.n;
  }
  return { tables: tables.length, found };
}

/** The tables with a tenant column, from the catalogue, and how many rows `tenantId` has in each. */
async function tenantRows(url: string, tenantId: string) {
  const tables = await query<{ name: string }>(
    url,
    `select c.table_name as name from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
      where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await query<{ n: number }>(url, `select count(*)::int as n from "${name}" where tenant_id = $1`, [
      tenantId,
    ]);
    counts[name] = row!.n;
  }
  return counts;
}

async function redisKeysWith(needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    for (const key of keys) if (needles.some((needle) => key.includes(needle))) hits.push(key);
    cursor = next;
  } while (cursor !== '0');
  return hits;
}

const s3 = () => createS3Client({ region: 'us-east-1', endpoint: platform.awsEndpoint });
const objectsUnder = async (prefix: string) =>
  ((await s3().send(new ListObjectsV2Command({ Bucket: 'pocdojo-test', Prefix: prefix }))).Contents ?? []).map(
    (o) => o.Key,
  );

async function finishedJob(client: ApiClient, jobId: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = (await client.get(`/v1/jobs/${jobId}`)).body;
    if (job.status === 'succeeded' || job.status === 'failed' || Date.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A team that used every service; returns what it left where. */
async function busyTeam(name: string) {
  const team = await signUpTeam(api, name);
  const member = await joinTeam(platform, team.owner, { email: `mia-${team.slug}@example.com`, name: 'Mia' });
  const poc = (await team.owner.post('/v1/pocs', { name: `${name} realtime cursors`, languages: ['Go'] })).body;
  // An attachment's object, as the browser would have uploaded it.
  const key = `tenants/${team.tenant.id}/pocs/${poc.id}/notes.txt`;
  await s3().send(new PutObjectCommand({ Bucket: 'pocdojo-test', Key: key, Body: 'notes' }));
  const indexed = await searchUntil(team.owner, 'q=realtime', (body) => body.total === 1);
  if (indexed.body.total !== 1) throw new Error('the POC was not indexed');
  // A live dojo: a seat in Redis, typing persisted, chat in the history.
  const dojo = (
    await team.owner.post('/v1/dojos', {
      title: `${name} kata`,
      kataId: 'roman-numerals',
      language: 'typescript',
      durationMinutes: 30,
      rotationMinutes: 5,
      editPolicy: 'everyone',
    })
  ).body;
  const ticket = (await team.owner.post(`/v1/dojos/${dojo.id}/tickets`)).body;
  const client = await TestDojoClient.join(engine.url, ticket.ticket, { relay: true });
  await eventually(() => Object.keys(client.doc.files ?? {}).length > 0, 10_000, 'starter files');
  const file = Object.keys(client.doc.files).find((path) => !path.includes('test'))!;
  client.type(file, 0, '// we were here\n');
  client.room.send(ClientMessage.chat, { text: 'olá, equipe' });
  await eventually(() => client.chat.length > 0, 10_000, 'chat');
  await eventually(
    () => [...engine.metrics.rooms].every((room) => room.persistBacklog() === 0),
    30_000,
    'changes committed',
  );
  // A report in S3, made by the real media worker.
  const { jobId } = (
    await team.owner.post('/v1/reports', { scope: 'tenant', from: '2026-01-01', to: '2026-12-31', format: 'csv' })
  ).body;
  const job = await finishedJob(team.owner, jobId);
  if (job.status !== 'succeeded') throw new Error(`report: ${JSON.stringify(job)}`);
  // Login throttling keyed by the member's e-mail, in Redis.
  await api.post('/v1/auth/login', { email: `mia-${team.slug}@example.com`, password: 'wrong-Password-1' });
  return { team, member, poc, dojo, client, emails: [team.email, `mia-${team.slug}@example.com`] };
}

test('after the grace period every trace of the team is gone from every store; another team keeps everything', async (t) => {
  const doomed = await busyTeam('Doomed Labs');
  const kept = await busyTeam('Kept Labs');
  const needles = [doomed.team.tenant.id, ...doomed.emails];
  const tenantId = doomed.team.tenant.id as TenantId;

  // Before: the team is in every store (so the checks below can fail).
  t.true(Object.keys((await traces(platform.ownerUrl, needles)).found).length > 3);
  t.true(Object.keys((await traces(engineDb.ownerUrl, needles)).found).length > 2);
  const before = await objectsUnder(`tenants/${tenantId}/`);
  t.true(before.length >= 2, 'the attachment and the report');
  t.true((await redisKeysWith(needles)).length >= 2, 'a dojo seat and login throttling');
  t.true((await readdir(join(dataDir, 'tenants'))).some((file) => file.startsWith(tenantId)));

  // The owner deletes the team; every member hears it by e-mail, through notifier.
  const scheduled = await doomed.team.owner.post('/v1/team/deletion', { password: STRONG_PASSWORD });
  t.is(scheduled.status, 202);
  const mail = await notifier.mailTo(doomed.emails[1]!, /será excluída|will be deleted/);
  t.regex(mail.text, /Doomed Labs/);
  t.true(Object.keys((await traces(notifier.databaseUrl, needles)).found).length > 0);
  await doomed.client.leave();

  // The test's clock: the grace period is over.
  await query(
    platform.ownerUrl,
    `update tenant_deletions set due_at = now() - interval '1 second' where tenant_id = $1`,
    [tenantId],
  );
  await platform.api.eraser.runNow();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await query<{ status: string }>(
      platform.ownerUrl,
      'select status from tenant_deletions where tenant_id = $1',
      [tenantId],
    );
    if (row?.status === 'erased') break;
    if (Date.now() > deadline) throw new Error(`the erasure did not finish: ${row?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  // Postgres, every service's database, every table the catalogue lists.
  const tombstone = await query(platform.ownerUrl, 'select * from tenant_deletions where tenant_id = $1', [tenantId]);
  t.deepEqual(Object.keys(tombstone[0]!).sort(), [
    'audit_entries_erased',
    'due_at',
    'erased_at',
    'erasing_since',
    'requested_at',
    'requested_by',
    'services_pending',
    'status',
    'tenant_id',
  ]);
  t.like(tombstone[0], { status: 'erased', requested_by: null, services_pending: [] });
  for (const [service, url, spared] of [
    ['platform-api', platform.ownerUrl, ['tenant_deletions']],
    ['dojo-engine', engineDb.ownerUrl, []],
    ['notifier', notifier.databaseUrl, []],
  ] as const) {
    const counts = await tenantRows(url, tenantId);
    t.true(Object.keys(counts).length > 0, `${service}: tables with a tenant column`);
    for (const [table, n] of Object.entries(counts)) {
      if (!spared.includes(table as never)) t.is(n, 0, `${service}.${table}`);
    }
    const { tables, found } = await traces(url, needles, [...spared]);
    t.true(tables > 0);
    t.deepEqual(found, {}, `${service}: rows holding the team's id or its members' e-mails`);
  }
  // S3, the search index (its stored copy too), Redis.
  t.deepEqual(await objectsUnder(`tenants/${tenantId}/`), []);
  const entries: string[] = [];
  for await (const entry of indexer.engine.entries()) if (entry.tenantId === tenantId) entries.push(entry.id);
  t.deepEqual(entries, []);
  t.false((await readdir(join(dataDir, 'tenants'))).some((file) => file.startsWith(tenantId)));
  t.deepEqual(await redisKeysWith(needles), []);
  // The queues drained: nothing in flight, nothing dead-lettered.
  const { QueueUrls = [] } = await platform.sqs.send(new ListQueuesCommand({}));
  for (const url of QueueUrls) {
    const waitUntil = Date.now() + 30_000;
    for (;;) {
      const { Attributes = {} } = await platform.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      const left =
        Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
      if (left === 0) break;
      if (Date.now() > waitUntil) {
        t.fail(`${url} still holds ${left} messages`);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // The other team is untouched.
  const other = kept.team.tenant.id;
  t.is((await searchUntil(kept.team.owner, 'q=realtime', (body) => body.total === 1)).body.total, 1);
  t.true((await objectsUnder(`tenants/${other}/`)).length >= 2);
  t.true((await tenantRows(engineDb.ownerUrl, other)).dojo_history! > 0);
  t.is((await kept.team.owner.get(`/v1/pocs/${kept.poc.id}`)).status, 200);
  t.true((await redisKeysWith([other])).length > 0, "the other team's dojo seat");
  t.is((await doomed.team.owner.get('/v1/pocs')).status, 401);
  await kept.client.leave();
});
