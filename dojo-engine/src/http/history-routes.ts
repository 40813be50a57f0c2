import Router from '@koa/router';
import type { HistoryPage } from '@pocdojo/common/dojo-protocol/history';
import type { DojoId } from '@pocdojo/common/ids';
import { isUuid } from '@pocdojo/common/ids';
import { Problem } from '@pocdojo/common/problem';
import type { AccessClaims } from '@pocdojo/common/tokens';
import { z } from 'zod';
import { type DojoStore, HistoryKinds } from '../persistence/dojo-store.ts';
import { InvalidCursorError } from '../persistence/history-cursor.ts';
import { authenticate } from './bearer-access.ts';

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  kind: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.enum(HistoryKinds)).optional()),
});

/**
 * `GET /v1/dojos/:dojoId/history`: the session history (joins, leaves,
 * rotations, timer events, chat) for members of the dojo's tenant, oldest
 * first, cursor-paginated. A dojo of another tenant answers 404, like an unknown one.
 */
export function historyRoutes(deps: { store: DojoStore; verifyAccess: (token: string) => Promise<AccessClaims> }) {
  const router = new Router();
  router.get('/v1/dojos/:dojoId/history', async (ctx) => {
    const claims = await authenticate(ctx.get('authorization'), deps.verifyAccess);
    const dojoId = ctx.params.dojoId;
    if (!isUuid(dojoId)) {
      throw new Problem(400, 'invalid_request', 'Bad Request', {
        errors: [{ field: 'dojoId', message: 'must be a UUID' }],
      });
    }
    const query = querySchema.safeParse(ctx.query);
    if (!query.success) {
      throw new Problem(400, 'invalid_request', 'Bad Request', {
        errors: query.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    const tenant = await deps.store.dojoTenant(dojoId as DojoId);
    if (tenant === null || tenant !== claims.tid) {
      throw new Problem(404, 'dojo_not_found', 'Not Found', { detail: 'No history for this dojo' });
    }
    try {
      const page = await deps.store.listHistory(claims.tid, dojoId as DojoId, {
        limit: query.data.limit,
        cursor: query.data.cursor,
        kinds: query.data.kind,
      });
      ctx.body = {
        items: page.items.map((event) => ({
          id: String(event.id),
          kind: event.kind,
          userId: event.userId,
          name: event.name,
          data: event.data,
          at: new Date(event.at).toISOString(),
        })),
        nextCursor: page.nextCursor,
      } satisfies HistoryPage;
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new Problem(400, 'invalid_request', 'Bad Request', {
          errors: [{ field: 'cursor', message: 'not a cursor from this endpoint' }],
        });
      }
      throw error;
    }
  });
  return router;
}
