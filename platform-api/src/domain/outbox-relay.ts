import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { type Envelope, encodeEnvelope } from '@pocdojo/common/contracts/events';
import { queueUrl } from '@pocdojo/common/runtime/aws';
import type { Logger } from '@pocdojo/common/runtime/logger';
import {
  carrierAttributes,
  publishFromCarrier,
  type TraceCarrier,
  withoutAutomaticTracing,
} from '@pocdojo/common/runtime/message-tracing';
import { Counter, Gauge, type Registry } from 'prom-client';
import { inSystemScope } from '../db/tenant-scope.ts';

interface PendingRow {
  seq: string;
  id: string;
  tenant_id: string;
  queue: string;
  type: string;
  group_key: string;
  payload: Envelope;
  attempts: number;
  trace_context: TraceCarrier | null;
}

/** How one event fared: sent, or refused by SQS for a reason of its own (the reason). */
type Outcome = { sent: true } | { sent: false; error: string };

/** The relay's knobs; the defaults retry a refused event for about eight minutes before dead-lettering it. */
export interface OutboxRelayOptions {
  /** Poll period when nothing kicks the relay. */
  intervalMs?: number;
  /** Attempts before an event SQS keeps refusing moves to `outbox_dead_letters`. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export const RELAY_DEFAULTS = { intervalMs: 500, maxAttempts: 10, backoffMs: 1_000, maxBackoffMs: 120_000 } as const;

const BATCH = 100;
/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH = 10;

/**
 * The events a pass may send: pending, due, and first of their group — a
 * later event of a POC or job waits while an earlier one is pending (being
 * retried), so each group stays in order; other groups and tenants flow.
 * FOR UPDATE SKIP LOCKED lets several replicas relay side by side.
 */
const CLAIM = `
  select seq, id, tenant_id, queue, type, group_key, payload, attempts, trace_context from outbox o
   where sent_at is null and next_attempt_at <= now()
     and not exists (select 1 from outbox e
                      where e.sent_at is null and e.tenant_id = o.tenant_id
                        and e.group_key = o.group_key and e.seq < o.seq)
   order by seq limit ${BATCH} for update skip locked`;

/**
 * Publishes outbox rows to SQS, at least once, and marks them sent. An event
 * SQS refuses (its content, its size) is retried with exponential backoff and
 * after `maxAttempts` moved to `outbox_dead_letters`, logged and counted —
 * it never holds up other events. SQS being unreachable is not the event's
 * fault: the pass rolls back and nothing counts an attempt. Woken right after
 * a commit (`kick`) and otherwise polls every `intervalMs`.
 */
export class OutboxRelay {
  readonly #orm: MikroORM;
  readonly #sqs: SQSClient;
  readonly #logger: Logger;
  readonly #options: Required<OutboxRelayOptions>;
  readonly #queueUrls = new Map<string, string>();
  readonly #published: Counter;
  readonly #retried: Counter;
  readonly #deadLettered: Counter;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(deps: { orm: MikroORM; sqs: SQSClient; logger: Logger; registry: Registry } & OutboxRelayOptions) {
    this.#orm = deps.orm;
    this.#sqs = deps.sqs;
    this.#logger = deps.logger;
    this.#options = {
      intervalMs: deps.intervalMs ?? RELAY_DEFAULTS.intervalMs,
      maxAttempts: deps.maxAttempts ?? RELAY_DEFAULTS.maxAttempts,
      backoffMs: deps.backoffMs ?? RELAY_DEFAULTS.backoffMs,
      maxBackoffMs: deps.maxBackoffMs ?? RELAY_DEFAULTS.maxBackoffMs,
    };
    const registers = [deps.registry];
    this.#published = new Counter({
      name: 'outbox_published_total',
      help: 'Outbox events published to SQS',
      labelNames: ['type'],
      registers,
    });
    this.#retried = new Counter({
      name: 'outbox_refused_total',
      help: 'Times SQS refused an outbox event (each is retried with backoff, then dead-lettered)',
      labelNames: ['type'],
      registers,
    });
    this.#deadLettered = new Counter({
      name: 'outbox_dead_lettered_total',
      help: 'Outbox events moved to outbox_dead_letters after their last attempt (alert on any increase)',
      labelNames: ['type'],
      registers,
    });
    const orm = this.#orm;
    // Read at scrape time, so the figures are true even when the relay is stuck or stopped.
    new Gauge({
      name: 'outbox_oldest_pending_seconds',
      help: 'Age of the oldest unpublished outbox event (alert when it grows past a minute or two)',
      registers,
      async collect() {
        const rows = await scrapeQuery(() =>
          inSystemScope(orm, (em) =>
            em.execute<{ age: number | null }[]>(
              // By age, not by seq: a row retried with backoff can be older than the lowest pending seq.
              `select max(extract(epoch from now() - created_at))::float8 as age from outbox where sent_at is null`,
            ),
          ),
        );
        if (rows) this.set(rows[0]?.age ?? 0);
      },
    });
    new Gauge({
      name: 'outbox_dead_letters',
      help: 'Events in outbox_dead_letters, waiting for an operator (alert when above zero)',
      registers,
      async collect() {
        const rows = await scrapeQuery(() =>
          inSystemScope(orm, (em) => em.execute<{ n: number }[]>('select count(*)::int as n from outbox_dead_letters')),
        );
        if (rows) this.set(rows[0]?.n ?? 0);
      },
    });
  }

  start(): void {
    this.#schedule();
  }

  /** Asks for a pass now (after a commit that wrote events). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Waits for the current pass, then stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** Publishes everything that is due now; resolves when nothing due is left (tests, shutdown). */
  async flush(): Promise<void> {
    await this.#running;
    while ((await this.#pass()) > 0) {}
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.kick();
      this.#schedule();
    }, this.#options.intervalMs);
    this.#timer.unref();
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#stopped && (await this.#pass()) === BATCH) {}
    } catch (error) {
      this.#logger.error({ err: error }, 'outbox relay pass failed; will retry');
    }
  }

  /** One claimed batch: send, then record each event's outcome, and commit. Returns how many rows it handled. */
  async #pass(): Promise<number> {
    return inSystemScope(this.#orm, async (em) => {
      const rows = await em.execute<PendingRow[]>(CLAIM);
      if (rows.length === 0) return 0;
      const outcomes = await this.#send(rows);
      const sent = rows.filter((row) => outcomes.get(row.seq)?.sent);
      if (sent.length) {
        await em.execute(
          `update outbox set sent_at = now() where seq in (${sent.map(() => '?').join(',')})`,
          sent.map((row) => row.seq),
        );
        for (const row of sent) this.#published.inc({ type: row.type });
      }
      for (const row of rows) {
        const outcome = outcomes.get(row.seq);
        if (outcome && !outcome.sent) await this.#refused(em, row, outcome.error);
      }
      return rows.length;
    });
  }

  /** Records a refusal: retry later with a longer delay, or dead-letter after the last attempt. */
  async #refused(em: EntityManager, row: PendingRow, error: string): Promise<void> {
    const attempts = row.attempts + 1;
    const event = { seq: row.seq, id: row.id, tenantId: row.tenant_id, type: row.type, attempts, error };
    this.#retried.inc({ type: row.type });
    if (attempts >= this.#options.maxAttempts) {
      await em.execute(
        `with gone as (delete from outbox where seq = ? returning *)
         insert into outbox_dead_letters (seq, id, tenant_id, queue, type, group_key, payload, created_at, attempts, last_error)
         select seq, id, tenant_id, queue, type, group_key, payload, created_at, ?, ? from gone`,
        [row.seq, attempts, error],
      );
      this.#deadLettered.inc({ type: row.type });
      this.#logger.error(event, 'outbox event dead-lettered: SQS refused it on every attempt');
      return;
    }
    const delayMs = Math.min(this.#options.maxBackoffMs, this.#options.backoffMs * 2 ** (attempts - 1));
    await em.execute(
      `update outbox set attempts = ?, last_error = ?, next_attempt_at = now() + make_interval(secs => ?)
        where seq = ?`,
      [attempts, error, delayMs / 1000, row.seq],
    );
    this.#logger.warn({ ...event, retryInMs: delayMs }, 'SQS refused an outbox event; will retry');
  }

  /** Sends rows, 10 per SQS batch per queue; returns each row's outcome. Throws when SQS cannot be reached. */
  async #send(rows: PendingRow[]): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    for (const [queue, entries] of Map.groupBy(rows, (row) => row.queue)) {
      const url = await this.#url(queue);
      for (let i = 0; i < entries.length; i += SQS_BATCH) {
        const chunk = entries.slice(i, i + SQS_BATCH);
        try {
          const out = await withoutAutomaticTracing(() =>
            this.#sqs.send(
              new SendMessageBatchCommand({
                QueueUrl: url,
                Entries: chunk.map((row) => ({ Id: row.seq, ...message(row) })),
              }),
            ),
          );
          for (const ok of out.Successful ?? []) if (ok.Id) outcomes.set(ok.Id, { sent: true });
          for (const failed of out.Failed ?? []) {
            // SQS's own trouble (SenderFault false) is not the event's: it stays pending, no attempt counted.
            if (!failed.Id || !failed.SenderFault) continue;
            outcomes.set(failed.Id, { sent: false, error: `${failed.Code}: ${failed.Message ?? ''}`.slice(0, 500) });
          }
        } catch (error) {
          // The batch as a whole was refused (too long, say): send one by one, so only the culprit fails.
          if (!isContentRefusal(error)) throw error;
          for (const row of chunk) outcomes.set(row.seq, await this.#sendOne(url, row));
        }
      }
    }
    return outcomes;
  }

  async #sendOne(url: string, row: PendingRow): Promise<Outcome> {
    try {
      await withoutAutomaticTracing(() => this.#sqs.send(new SendMessageCommand({ QueueUrl: url, ...message(row) })));
      return { sent: true };
    } catch (error) {
      if (!isContentRefusal(error)) throw error;
      return { sent: false, error: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 500) };
    }
  }

  async #url(queue: string): Promise<string> {
    let url = this.#queueUrls.get(queue);
    if (!url) {
      url = await queueUrl(this.#sqs, queue);
      this.#queueUrls.set(queue, url);
    }
    return url;
  }
}

/** A scrape must not fail while the database is away: the gauge keeps its last value (and readiness says why). */
async function scrapeQuery<T>(query: () => Promise<T>): Promise<T | undefined> {
  try {
    return await query();
  } catch {
    return undefined;
  }
}

/**
 * An event as an SQS message. Its attributes carry the trace context of the
 * request that wrote it (through a publish span in that request's trace), so
 * the consumer continues that trace; the SDK's own SQS span is kept out of the
 * way ({@link withoutAutomaticTracing}) so it does not replace that context.
 */
function message(row: PendingRow) {
  return publishFromCarrier(row.queue, row.trace_context, (carrier) => ({
    MessageBody: encodeEnvelope(row.payload),
    MessageAttributes: {
      type: { DataType: 'String', StringValue: row.type },
      groupKey: { DataType: 'String', StringValue: row.group_key },
      ...carrierAttributes(carrier),
    },
  }));
}

/**
 * SQS refused the message for what it contains (characters, size): resending it
 * unchanged will not help. Anything else — unreachable, throttled, access denied,
 * a wrong queue — is the platform's trouble, and no event is blamed for it.
 */
const isContentRefusal = (error: unknown) =>
  (error as { $fault?: string }).$fault === 'client' &&
  /InvalidMessageContents|MessageTooLong|BatchRequestTooLong|InvalidParameterValue|InvalidAttributeValue/.test(
    `${(error as Error).name} ${(error as { Code?: string }).Code ?? ''}`,
  );
