import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { z } from 'zod';
import { DevicePlatforms, type PushSender } from '../adapters/push/push-sender.ts';
import type { Database } from '../db/database.ts';
import { callerOf } from './authentication.ts';
import { parse } from './validation.ts';

const deviceBody = z
  .object({
    platform: z.enum(DevicePlatforms),
    // APNs tokens are 64 hex characters, FCM registration tokens ~160 URL-safe characters.
    token: z
      .string()
      .min(8)
      .max(4096)
      .regex(/^[A-Za-z0-9_:.-]+$/, 'must be a device token as the platform gives it'),
  })
  .strict();

/**
 * Device registration for the mobile apps. Registering the same token again is
 * a no-op (200, not a new device); a token moves to whoever registers it last
 * in the team (one phone, another login). DELETE forgets it (logout).
 */
export function deviceRoutes(db: Database, push: PushSender | null): Router {
  const router = new Router();

  router.post('/v1/devices', async (ctx) => {
    const caller = callerOf(ctx);
    const body = parse(deviceBody, ctx.request.body, 'body');
    const endpointArn = push ? await push.register(body.platform, body.token, caller.userId) : null;
    const { id, created } = await db.inTenant(caller.tenantId, async (tx) => {
      const { rows } = await tx.query<{ id: string; created: boolean }>(
        `insert into devices (id, tenant_id, user_id, platform, token, endpoint_arn) values ($1, $2, $3, $4, $5, $6)
         on conflict (tenant_id, platform, token) do update
           set user_id = excluded.user_id, endpoint_arn = coalesce(excluded.endpoint_arn, devices.endpoint_arn)
         returning id, (xmax = 0) as created`,
        [randomUUID(), caller.tenantId, caller.userId, body.platform, body.token, endpointArn],
      );
      return rows[0]!;
    });
    ctx.status = created ? 201 : 200;
    ctx.body = { id, platform: body.platform };
  });

  router.delete('/v1/devices', async (ctx) => {
    const caller = callerOf(ctx);
    const body = parse(deviceBody, ctx.request.body, 'body');
    const removed = await db.inTenant(caller.tenantId, async (tx) => {
      const { rows } = await tx.query<{ platform: 'ios' | 'android'; token: string; endpoint_arn: string | null }>(
        'delete from devices where user_id = $1 and platform = $2 and token = $3 returning platform, token, endpoint_arn',
        [caller.userId, body.platform, body.token],
      );
      return rows;
    });
    for (const row of removed) {
      await push
        ?.unregister({ platform: row.platform, token: row.token, endpointArn: row.endpoint_arn })
        .catch(() => {});
    }
    ctx.status = 204;
  });

  return router;
}
