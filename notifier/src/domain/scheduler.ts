import { notificationRequestedSchema } from '@pocdojo/common/contracts/notifications';
import type { Logger } from '@pocdojo/common/runtime/logger';
import type { Database } from '../db/database.ts';
import { fanOut } from './fan-out.ts';
import { PollingLoop } from './polling-loop.ts';

interface DueRow {
  id: string;
  tenant_id: string;
  event_id: string;
  request: unknown;
}

/**
 * Fires scheduled notifications once they are due. Each pass claims due rows
 * with FOR UPDATE SKIP LOCKED, fans them out and stamps `fired_at` in the same
 * transaction: with several replicas each row is fired by exactly one, a
 * replica killed mid-pass rolls back and another fires it, and a restart finds
 * what is still due in the table. A late fire (the notifier was down at the
 * time) still goes out, since "starts in 10 minutes" is still worth knowing
 * until the dojo starts; after that it is dropped.
 */
export class Scheduler {
  readonly #db: Database;
  readonly #logger: Logger;
  readonly #webPublicUrl: string;
  readonly loop: PollingLoop;

  constructor(options: { db: Database; logger: Logger; webPublicUrl: string; intervalMs: number }) {
    this.#db = options.db;
    this.#logger = options.logger;
    this.#webPublicUrl = options.webPublicUrl;
    this.loop = new PollingLoop({
      name: 'scheduler',
      intervalMs: options.intervalMs,
      logger: options.logger,
      pass: () => this.pass(),
    });
  }

  /** Fires up to 50 due notifications; returns how many. */
  pass(): Promise<number> {
    return this.#db.inSystemScope(async (tx) => {
      const { rows } = await tx.query<DueRow>(
        `select id, tenant_id, event_id, request from scheduled_notifications
          where fired_at is null and fire_at <= now() order by fire_at limit 50 for update skip locked`,
      );
      for (const row of rows) {
        const request = notificationRequestedSchema.parse(row.request);
        const startsAt = request.params.startsAt ? Date.parse(request.params.startsAt) : Number.NaN;
        if (Number.isFinite(startsAt) && startsAt < Date.now()) {
          this.#logger.info(
            { eventId: row.event_id, tenantId: row.tenant_id },
            'scheduled notification is past its moment; dropped',
          );
        } else {
          await fanOut(tx, {
            eventId: row.event_id,
            tenantId: row.tenant_id,
            request,
            webPublicUrl: this.#webPublicUrl,
          });
        }
        await tx.query('update scheduled_notifications set fired_at = now() where id = $1', [row.id]);
      }
      return rows.length;
    });
  }
}
