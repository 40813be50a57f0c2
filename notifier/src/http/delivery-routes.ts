import Router from '@koa/router';
import { Problem } from '@pocdojo/common/runtime/problem';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { ErrorCodes } from '../errors.ts';
import { callerOf } from './authentication.ts';
import { parse } from './validation.ts';

const query = z
  .object({
    status: z.enum(['pending', 'sending', 'sent', 'failed', 'suppressed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Delivery status of the team's e-mails and pushes, newest first: for owners and admins. */
export function deliveryRoutes(db: Database): Router {
  const router = new Router();
  router.get('/v1/deliveries', async (ctx) => {
    const caller = callerOf(ctx);
    if (!caller.roles.some((role) => role === 'owner' || role === 'admin')) {
      throw new Problem(403, ErrorCodes.forbidden, 'Forbidden', { detail: 'Only owners and admins see deliveries' });
    }
    const q = parse(query, ctx.query, 'query');
    const rows = await db.inTenant(caller.tenantId, async (tx) => {
      const { rows } = await tx.query(
        `select id, event_id as "eventId", kind, channel, email, status, attempts, last_error as "lastError",
                created_at as "createdAt", sent_at as "sentAt"
           from deliveries where ($1::text is null or status = $1) order by created_at desc, id desc limit $2`,
        [q.status ?? null, q.limit],
      );
      return rows;
    });
    ctx.body = { items: rows };
  });
  return router;
}
