import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { queueUrl } from '@pocdojo/common/aws';
import type { Logger } from '@pocdojo/common/logger';
import { Counter, Gauge, type Registry } from 'prom-client';
import { inSystemScope } from '../db/tenant-scope.ts';

interface PendingRow {
  seq: string;
  id: string;
  queue: string;
  type: string;
  group_key: string;
  payload: unknown;
  created_at: string;
}

const BATCH = 100;

/**
 * Publishes outbox rows to SQS in `seq` order, at least once, and marks them
 * sent. Rows are claimed with FOR UPDATE SKIP LOCKED, so several replicas can
 * relay side by side without sending a row twice in the normal case. Woken
 * right after a commit (`kick`) and otherwise polls every `intervalMs`.
 */
export class OutboxRelay {
  readonly #orm: MikroORM;
  readonly #sqs: SQSClient;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #queueUrls = new Map<string, string>();
  readonly #published: Counter;
  readonly #lag: Gauge;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(deps: { orm: MikroORM; sqs: SQSClient; logger: Logger; registry: Registry; intervalMs?: number }) {
    this.#orm = deps.orm;
    this.#sqs = deps.sqs;
    this.#logger = deps.logger;
    this.#intervalMs = deps.intervalMs ?? 500;
    this.#published = new Counter({
      name: 'outbox_published_total',
      help: 'Outbox events published to SQS',
      labelNames: ['type'],
      registers: [deps.registry],
    });
    this.#lag = new Gauge({
      name: 'outbox_oldest_pending_seconds',
      help: 'Age of the oldest unpublished outbox event',
      registers: [deps.registry],
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

  /** Publishes everything pending now; resolves when the outbox is empty (tests, shutdown). */
  async flush(): Promise<void> {
    await this.#running;
    while ((await this.#pass()) > 0) {}
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.kick();
      this.#schedule();
    }, this.#intervalMs);
    this.#timer.unref();
  }

  async #drain(): Promise<void> {
    try {
      while (!this.#stopped && (await this.#pass()) === BATCH) {}
    } catch (error) {
      this.#logger.error({ err: error }, 'outbox relay pass failed; will retry');
    }
  }

  /** One claimed batch: send, mark sent, commit. Returns how many rows it handled. */
  async #pass(): Promise<number> {
    return inSystemScope(this.#orm, async (em) => {
      const rows = await em.execute<PendingRow[]>(
        `select seq, id, queue, type, group_key, payload, created_at from outbox
          where sent_at is null order by seq limit ${BATCH} for update skip locked`,
      );
      if (rows.length === 0) {
        this.#lag.set(0);
        return 0;
      }
      const sent = await this.#send(rows);
      if (sent.length) {
        await em.execute(`update outbox set sent_at = now() where seq in (${sent.map(() => '?').join(',')})`, sent);
      }
      const failed = rows.filter((row) => !sent.includes(row.seq)).map((row) => row.seq);
      if (failed.length) {
        await em.execute(
          `update outbox set attempts = attempts + 1 where seq in (${failed.map(() => '?').join(',')})`,
          failed,
        );
      }
      // The oldest row of this batch is the oldest pending one (seq order).
      this.#lag.set(rows.length ? (Date.now() - new Date(rows[0]!.created_at).getTime()) / 1000 : 0);
      return failed.length ? 0 : rows.length;
    });
  }

  /** Sends rows in order, 10 per SQS batch; stops at the first failure so later events of a group wait. */
  async #send(rows: PendingRow[]): Promise<string[]> {
    const sent: string[] = [];
    for (let i = 0; i < rows.length; i += 10) {
      const chunk = rows.slice(i, i + 10);
      const byQueue = Map.groupBy(chunk, (row) => row.queue);
      for (const [queue, entries] of byQueue) {
        const url = await this.#url(queue);
        const out = await this.#sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: entries.map((row) => ({
              Id: row.seq,
              MessageBody: JSON.stringify(row.payload),
              MessageAttributes: {
                type: { DataType: 'String', StringValue: row.type },
                groupKey: { DataType: 'String', StringValue: row.group_key },
              },
            })),
          }),
        );
        for (const ok of out.Successful ?? []) if (ok.Id) sent.push(ok.Id);
        for (const ok of out.Successful ?? [])
          this.#published.inc({ type: entries.find((r) => r.seq === ok.Id)?.type });
        if (out.Failed?.length) {
          this.#logger.warn({ failed: out.Failed }, 'some outbox events were not accepted by SQS');
          return sent;
        }
      }
    }
    return sent;
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
