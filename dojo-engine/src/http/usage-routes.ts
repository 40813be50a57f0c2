import Router from '@koa/router';
import { assertInternalToken } from '@pocdojo/common/runtime/bearer';
import { Problem } from '@pocdojo/common/runtime/problem';
import { z } from 'zod';
import type { DojoUsage } from '../usage/dojo-usage.ts';
import { EngineProblemCode } from './problem-codes.ts';

const day = z.iso.date();
const querySchema = z.strictObject({ from: day.optional(), to: day.optional(), tenantId: z.uuid().optional() });

/**
 * `GET /internal/v1/usage?from=&to=&tenantId=` (Bearer INTERNAL_TOKEN): dojo
 * hours per tenant over `[from, to)` (UTC days; default this month), for
 * operators — platform-api's `/internal/v1/usage` has the other figures.
 */
export function usageRoutes(deps: { usage: DojoUsage; internalToken: string }) {
  const router = new Router();
  router.get('/internal/v1/usage', async (ctx) => {
    assertInternalToken(
      ctx,
      deps.internalToken,
      () => new Problem(401, EngineProblemCode.unauthenticated, 'Unauthorized'),
    );
    const query = querySchema.safeParse(ctx.query);
    if (!query.success) {
      throw new Problem(400, EngineProblemCode.invalidRequest, 'Bad Request', {
        errors: query.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    const now = new Date();
    const from =
      query.data.from ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const to =
      query.data.to ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    const items = await deps.usage.perTenant(
      { from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T00:00:00Z`) },
      query.data.tenantId,
    );
    ctx.body = { from, to, items };
  });
  return router;
}
