import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { TenantId, UserId } from '@pocdojo/common/ids';
import { Problem } from '@pocdojo/common/problem';
import { z } from 'zod';
import type { DojoStore } from '../persistence/dojo-store.ts';
import { EngineProblemCode } from './problem-codes.ts';

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
  const expected = Buffer.from(deps.internalToken);
  router.get('/internal/v1/member-dojos', async (ctx) => {
    // The per-pod ingress route forwards every path to a pod; what it relays carries X-Forwarded-For.
    // Service-to-service calls come straight from inside the cluster: anything relayed is not one of them.
    if (ctx.get('x-forwarded-for')) throw new Problem(404, EngineProblemCode.notFound, 'Not Found');
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new Problem(401, EngineProblemCode.unauthenticated, 'Unauthorized', {
        detail: 'The internal token is required',
      });
    }
    const query = querySchema.safeParse(ctx.query);
    if (!query.success) {
      throw new Problem(400, EngineProblemCode.invalidRequest, 'Bad Request', {
        errors: query.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    const { tenantId, userId, from, to } = query.data;
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
