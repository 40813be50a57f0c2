import Router from '@koa/router';
import type { TenantId } from '@pocdojo/common/ids';
import { internalAuth } from '@pocdojo/common/internal-auth';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { parse } from './validation.ts';

const query = z.object({ tenantId: z.uuid(), userId: z.uuid() }).strict();

/**
 * `GET /internal/v1/member-data` (Bearer INTERNAL_TOKEN): what notifier holds
 * about one member, for the media worker's personal data export (LGPD access
 * and portability): their in-app notifications, the e-mails and pushes
 * addressed to them (status and times, never the sealed links or templates'
 * parameters), their notification preferences and their devices (platform and
 * date, never the push token). Read under the tenant's row-level security.
 */
export function memberDataRoutes(db: Database, internalToken: string): Router {
  const router = new Router();
  router.get('/internal/v1/member-data', internalAuth(internalToken), async (ctx) => {
    const q = parse(query, ctx.query, 'query');
    ctx.body = await db.inTenant(q.tenantId as TenantId, async (tx) => {
      const notifications = await tx.query(
        `select id, kind, title, body, link, created_at as "createdAt", read_at as "readAt"
           from notifications where user_id = $1 order by created_at, id`,
        [q.userId],
      );
      const deliveries = await tx.query(
        `select id, kind, channel, email, recipient_name as "recipientName", locale, status, attempts,
                created_at as "createdAt", sent_at as "sentAt"
           from deliveries where user_id = $1 order by created_at, id`,
        [q.userId],
      );
      const preferences = await tx.query(
        `select kind, email, push, in_app as "inApp", updated_at as "updatedAt"
           from notification_preferences where user_id = $1 order by kind`,
        [q.userId],
      );
      const devices = await tx.query(
        `select id, platform, created_at as "createdAt" from devices where user_id = $1 order by created_at, id`,
        [q.userId],
      );
      return {
        notifications: notifications.rows,
        deliveries: deliveries.rows,
        preferences: preferences.rows,
        devices: devices.rows,
      };
    });
  });
  return router;
}
