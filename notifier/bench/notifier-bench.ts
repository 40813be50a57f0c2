/**
 * `npm run bench -w notifier` (not a test): notifications per second end to
 * end — an event in SQS → the e-mail accepted by the real SMTP server and the
 * in-app row written — with p50/p99 latency.
 *
 *  1. backlog: BENCH_EVENTS (10,000) events queued first, then one notifier
 *     process starts and drains them; throughput is events / drain time, and
 *     latency is from the notifier's start (every event was already waiting).
 *  2. paced: BENCH_RATE events/s for BENCH_SECONDS on a running notifier;
 *     latency from each event's SendMessage to its e-mail and in-app row.
 *  Baseline in the same run: nodemailer sending the same rendered e-mails
 *  straight to the same SMTP server (the ceiling the e-mail channel can reach).
 *
 * Needs DATABASE_URL (a Postgres superuser URL); everything else is started here
 * on loopback: the SQS emulator, a fresh database, the local SMTP inbox.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { EventTypes } from '@pocdojo/common/contracts/events';
import { freePort } from '@pocdojo/common/dev/ports';
import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import pg from 'pg';
import { SmtpEmailSender } from '../src/adapters/email/smtp-email-sender.ts';
import { migrate } from '../src/db/migrate.ts';
import { LocalInbox } from '../src/dev-inbox/local-inbox.ts';
import { renderMessage } from '../src/templates/render.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TENANT = randomUUID();

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL (a Postgres superuser URL) is required');
  process.exit(1);
}
const emulator = await startAwsEmulator();
const sqs = createSqsClient(emulator.settings);
const queueUrl = await ensureQueue(sqs, 'notifications', { maxReceiveCount: 5 });
const database = await createTestDatabase('notifierbench');
await migrate(database.ownerUrl);
const inbox = new LocalInbox({ smtpPort: 0, httpPort: 0, capacity: EVENTS * 3 });
await inbox.start();
const owner = new pg.Pool({ connectionString: database.ownerUrl, max: 2 });

/** Events addressed to users u{from}…u{from+count-1}; returns the user id → index map. */
function events(from: number, count: number) {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const userId = randomUUID();
    return {
      i,
      userId,
      body: JSON.stringify({
        id: randomUUID(),
        type: EventTypes.notificationRequested,
        tenantId: TENANT,
        occurredAt: new Date().toISOString(),
        data: {
          kind: 'job.succeeded',
          recipients: [{ userId, email: `u${i}@bench.test`, name: `User ${i}`, locale: i % 2 ? 'en' : 'pt-BR' }],
          params: { jobKind: 'video' },
          link: `/media?job=${i}`,
        },
      }),
    };
  });
}

async function publish(batch: ReturnType<typeof events>, sentAt: Map<number, number>) {
  const chunks = [];
  for (let k = 0; k < batch.length; k += 10) chunks.push(batch.slice(k, k + 10));
  // Eight SendMessageBatch calls in flight keep the producer well ahead of the notifier.
  for (let k = 0; k < chunks.length; k += 8) {
    await Promise.all(
      chunks.slice(k, k + 8).map(async (chunk) => {
        await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((e, j) => ({ Id: String(j), MessageBody: e.body })),
          }),
        );
        const now = performance.timeOrigin + performance.now();
        for (const e of chunk) sentAt.set(e.i, now);
      }),
    );
  }
}

/** Per event: when both its e-mail was accepted and its in-app row written (epoch ms). */
async function completions(userIndex: Map<string, number>, count: number): Promise<Map<number, number>> {
  await inbox.waitFor(() => inbox.emails.length >= count, 600_000);
  const deadline = Date.now() + 600_000;
  let rows: { user_id: string; at: number }[] = [];
  while (Date.now() < deadline) {
    const result = await owner.query<{ user_id: string; at: string }>(
      `select user_id, extract(epoch from created_at) * 1000 as at from notifications`,
    );
    rows = result.rows.map((r) => ({ user_id: r.user_id, at: Number(r.at) }));
    if (rows.filter((r) => userIndex.has(r.user_id)).length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const done = new Map<number, number>();
  for (const row of rows) {
    const i = userIndex.get(row.user_id);
    if (i !== undefined) done.set(i, row.at);
  }
  for (const email of inbox.emails) {
    const i = Number(/^u(\d+)@/.exec(email.to[0] ?? '')?.[1]);
    if (done.has(i)) done.set(i, Math.max(done.get(i)!, Date.parse(email.receivedAt)));
  }
  return done;
}

// Baseline: the same e-mails straight from nodemailer to the SMTP server, 20 in flight.
const baselineCount = Math.min(EVENTS, 3000);
const direct = new SmtpEmailSender({ url: inbox.smtpUrl, from: 'bench@pocdojo.local', maxConnections: 5 });
const baselineStart = performance.now();
for (let k = 0; k < baselineCount; k += 20) {
  await Promise.all(
    Array.from({ length: Math.min(20, baselineCount - k) }, (_, j) => {
      const m = renderMessage({
        kind: 'job.succeeded',
        locale: 'en',
        recipientName: 'Base',
        params: { jobKind: 'video' },
        link: '/media',
        webPublicUrl: 'http://127.0.0.1:8080',
      });
      return direct.send({ to: `base${k + j}@bench.test`, ...m, deliveryId: randomUUID(), kind: 'job.succeeded' });
    }),
  );
}
const baselineRate = baselineCount / ((performance.now() - baselineStart) / 1000);
await direct.close();
inbox.emails.length = 0;

// 1. Backlog of EVENTS queued events.
const backlog = events(0, EVENTS);
const userIndex = new Map(backlog.map((e) => [e.userId, e.i]));
await publish(backlog, new Map());
console.log(`queued ${EVENTS} events; starting the notifier`);
const port = await freePort();
const child = spawn(process.execPath, [join(import.meta.dirname, '../src/main.ts')], {
  env: {
    ...process.env,
    PORT: String(port),
    METRICS_PORT: '0',
    DATABASE_URL: database.appUrl,
    DATABASE_OWNER_URL: database.ownerUrl,
    AWS_ENDPOINT_URL: emulator.settings.endpoint,
    SQS_WAIT_SECONDS: '1',
    SMTP_URL: inbox.smtpUrl,
    PUSH_TRANSPORT: 'off',
    LOG_LEVEL: 'warn',
    DISPATCH_CONCURRENCY: process.env.DISPATCH_CONCURRENCY ?? '50',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const started = performance.timeOrigin + performance.now();
const drained = await completions(userIndex, EVENTS);
const finished = Math.max(...drained.values());
const backlogLatency = [...drained.values()].map((at) => at - started);
const backlogRate = EVENTS / ((finished - started) / 1000);

// 2. Paced load on the running notifier.
inbox.emails.length = 0;
const pacedCount = RATE * SECONDS;
const paced = events(EVENTS, pacedCount);
const pacedIndex = new Map(paced.map((e) => [e.userId, e.i]));
const sentAt = new Map<number, number>();
const tick = 100;
const perTick = Math.max(1, Math.round((RATE * tick) / 1000));
const pacedStart = performance.now();
for (let k = 0; k < paced.length; k += perTick) {
  await publish(paced.slice(k, k + perTick), sentAt);
  const due = pacedStart + ((k + perTick) / RATE) * 1000;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
const pacedDone = await completions(pacedIndex, pacedCount);
const pacedLatency = [...pacedDone.entries()].map(([i, at]) => at - (sentAt.get(i) ?? at));

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await owner.end();
await inbox.stop();
sqs.destroy();
await emulator.stop();
await database.drop();

console.log('\nnotifier end to end (SQS → SMTP accepted + in-app row), one notifier process, 2 shared cores');
console.table({
  [`backlog of ${EVENTS}`]: {
    'events/s': backlogRate.toFixed(0),
    p50: ms(pct(backlogLatency, 50)),
    p99: ms(pct(backlogLatency, 99)),
    'vs direct SMTP': `${((backlogRate / baselineRate) * 100).toFixed(0)} %`,
  },
  [`paced: ${RATE}/s offered for ${SECONDS}s`]: {
    'events/s': (pacedCount / SECONDS).toFixed(0),
    p50: ms(pct(pacedLatency, 50)),
    p99: ms(pct(pacedLatency, 99)),
    'vs direct SMTP': '',
  },
  'baseline: nodemailer → SMTP': {
    'events/s': baselineRate.toFixed(0),
    p50: '',
    p99: '',
    'vs direct SMTP': '100 %',
  },
});
