import { randomUUID } from 'node:crypto';
import type { Envelope } from '@pocdojo/common/contracts/events';
import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { NotificationRequested } from '@pocdojo/common/contracts/notifications';
import type { Database } from '../db/database.ts';
import { fanOut } from './fan-out.ts';

export type IntakeOutcome = 'delivered' | 'scheduled' | 'duplicate';

/**
 * Takes one `notification.requested` event from the queue. A notification due
 * later with a schedule key is parked in `scheduled_notifications` (a newer
 * event with the same key replaces it); everything else fans out now. Runs in
 * the event's tenant, so row-level security checks every row it writes.
 */
export class NotificationIntake {
  readonly #db: Database;
  readonly #webPublicUrl: string;
  readonly #now: () => number;

  constructor(options: { db: Database; webPublicUrl: string; now?: () => number }) {
    this.#db = options.db;
    this.#webPublicUrl = options.webPublicUrl;
    this.#now = options.now ?? Date.now;
  }

  accept(envelope: Envelope<NotificationRequested>): Promise<IntakeOutcome> {
    const request = envelope.data;
    return this.#db.inTenant(envelope.tenantId as TenantId, async (tx) => {
      const due = request.deliverAt ? Date.parse(request.deliverAt) : 0;
      if (request.scheduleKey && due > this.#now()) {
        await tx.query(
          `insert into scheduled_notifications (id, tenant_id, schedule_key, fire_at, event_id, occurred_at, request)
           values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (tenant_id, schedule_key) do update
             set fire_at = excluded.fire_at, event_id = excluded.event_id, occurred_at = excluded.occurred_at,
                 request = excluded.request, fired_at = null
             where scheduled_notifications.occurred_at < excluded.occurred_at`,
          [
            randomUUID(),
            envelope.tenantId,
            request.scheduleKey,
            request.deliverAt,
            envelope.id,
            envelope.occurredAt,
            JSON.stringify(request),
          ],
        );
        return 'scheduled';
      }
      const result = await fanOut(tx, {
        eventId: envelope.id,
        tenantId: envelope.tenantId,
        request,
        webPublicUrl: this.#webPublicUrl,
      });
      return result.inApp + result.deliveries > 0 ? 'delivered' : 'duplicate';
    });
  }
}
