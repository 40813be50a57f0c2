import Router from '@koa/router';
import type { TenantId, UserId } from '@pocdojo/common/ids';
import { internalAuth } from '@pocdojo/common/internal-auth';
import { z } from 'zod';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { internalQuery } from './internal-query.ts';

const querySchema = z.strictObject({
  tenantId: z.uuid(),
  userId: z.uuid(),
  from: z.iso.date(),
  /** Exclusive. */
  to: z.iso.date(),
});

/**
 * `GET /internal/v1/member-dojos` (Bearer INTERNAL_TOKEN): the dojos a member
 * joined in [from, to) and the traffic lights of their test runs, for the
 * media worker's yearly video. Service to service only: absent when the engine
 * has no internal token, and refused when relayed by a proxy (the public
 * ingress's per-pod route would otherwise reach it).
 */
export function memberDojosRoutes(deps: { store: DojoStore; internalToken: string }) {
  const router = new Router();
  router.get('/internal/v1/member-dojos', internalAuth(deps.internalToken), async (ctx) => {
    const { tenantId, userId, from, to } = internalQuery(querySchema, ctx.query);
    const dojos = await deps.store.memberDojos(
      tenantId as TenantId,
      userId as UserId,
      Date.parse(`${from}T00:00:00Z`),
      Date.parse(`${to}T00:00:00Z`),
    );
    ctx.body = {
      items: dojos.map((dojo) => ({
        dojoId: dojo.dojoId,
        joinedAt: new Date(dojo.joinedAt).toISOString(),
        runs: dojo.runs,
      })),
    };
  });
  return router;
}
