import Router from '@koa/router';
import type { DojoId, TenantId } from '@pocdojo/common/ids';
import { isUuid } from '@pocdojo/common/ids';
import { Problem } from '@pocdojo/common/problem';
import type { AccessClaims } from '@pocdojo/common/tokens';
import type { Context } from 'koa';
import { z } from 'zod';
import { DojoDocument } from '../document/dojo-document.ts';
import type { DojoStore, StoredHistoryEvent } from '../persistence/dojo-store.ts';
import { InvalidCursorError } from '../persistence/history-cursor.ts';
import { RateLimiter } from '../room/rate-limiter.ts';
import { systemClock } from '../time/clock.ts';
import { authenticate } from './bearer-access.ts';
import { timelinePageAnswer } from './timeline-page-answer.ts';

/** Replay requests per user: opening a replay costs one document and a few timeline pages. */
export const REPLAY_REQUESTS_PER_MINUTE = 60;

/** Largest timeline page: a 2-hour dojo of 20,000 changes comes in two. */
export const TIMELINE_MAX_PAGE = 10_000;

const timelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(TIMELINE_MAX_PAGE).default(1000),
  cursor: z.string().max(200).optional(),
});

const invalid = (field: string, message: string) =>
  new Problem(400, 'invalid_request', 'Bad Request', { errors: [{ field, message }] });

/**
 * Replay of a dojo, for members of the dojo's tenant (like the history API; a
 * dojo of another tenant answers 404 `dojo_not_found`, as an unknown one):
 *
 * - `GET /v1/dojos/:dojoId/replay`: the stored document (Automerge chunks,
 *   base64, for `load()`; it holds every change, so a client can view the files at any heads)
 *   and which user each Automerge actor belongs to;
 * - `GET /v1/dojos/:dojoId/timeline`: every accepted change (hash, dependencies,
 *   actor, time) and every finished test run (a coloured dot), in time order,
 *   cursor-paginated, as compact rows (`timeline-page-answer.ts`);
 * - `GET /v1/dojos/:dojoId/outcome`: the final files, the traffic-light history
 *   and the participants (what platform-api puts into a POC made from the dojo).
 */
export function replayRoutes(deps: { store: DojoStore; verifyAccess: (token: string) => Promise<AccessClaims> }) {
  const router = new Router();
  const limiter = new RateLimiter({ burst: REPLAY_REQUESTS_PER_MINUTE, windowMs: 60_000, clock: systemClock });

  /** The caller's tenant, once the dojo is known to be theirs. */
  async function scope(
    ctx: Context & { params: Record<string, string> },
  ): Promise<{ tenantId: TenantId; dojoId: DojoId }> {
    const claims = await authenticate(ctx.get('authorization'), deps.verifyAccess);
    if (!limiter.take(claims.sub)) {
      throw new Problem(429, 'rate_limited', 'Too Many Requests', {
        detail: `at most ${REPLAY_REQUESTS_PER_MINUTE} replay requests a minute`,
        headers: { 'retry-after': '1' },
      });
    }
    const dojoId = ctx.params.dojoId ?? '';
    if (!isUuid(dojoId)) throw invalid('dojoId', 'must be a UUID');
    const tenant = await deps.store.dojoTenant(dojoId as DojoId);
    if (tenant === null || tenant !== claims.tid) {
      throw new Problem(404, 'dojo_not_found', 'Not Found', {
        detail: 'No replay for this dojo: it never opened, or it belongs to another team',
      });
    }
    return { tenantId: claims.tid as TenantId, dojoId: dojoId as DojoId };
  }

  async function documentOf(tenantId: TenantId, dojoId: DojoId): Promise<DojoDocument | null> {
    const stored = await deps.store.loadDocument(tenantId, dojoId);
    return stored ? DojoDocument.load(stored.snapshot, stored.changes) : null;
  }

  router.get('/v1/dojos/:dojoId/replay', async (ctx) => {
    const { tenantId, dojoId } = await scope(ctx);
    const [stored, actors] = await Promise.all([
      deps.store.loadDocument(tenantId, dojoId),
      deps.store.listActors(tenantId, dojoId),
    ]);
    // The snapshot and the changes stored after it, back to back: Automerge's load() reads such a
    // concatenation as one document, so the engine serves it without loading the document itself.
    const chunks = stored ? [...(stored.snapshot ? [stored.snapshot] : []), ...stored.changes] : [];
    ctx.set('cache-control', 'private, no-store');
    ctx.body = {
      dojoId,
      document: chunks.length ? Buffer.concat(chunks).toString('base64') : null,
      actors,
    };
  });

  router.get('/v1/dojos/:dojoId/timeline', async (ctx) => {
    const { tenantId, dojoId } = await scope(ctx);
    const query = timelineQuery.safeParse(ctx.query);
    if (!query.success) {
      throw new Problem(400, 'invalid_request', 'Bad Request', {
        errors: query.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
      });
    }
    try {
      const page = await deps.store.listTimeline(tenantId, dojoId, query.data);
      ctx.set('cache-control', 'private, no-store');
      ctx.body = timelinePageAnswer(page);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw invalid('cursor', 'not a cursor from this endpoint');
      throw error;
    }
  });

  router.get('/v1/dojos/:dojoId/outcome', async (ctx) => {
    const { tenantId, dojoId } = await scope(ctx);
    const document = await documentOf(tenantId, dojoId);
    const events = await allHistory(deps.store, tenantId, dojoId, ['joined', 'test_run']);
    const participants = new Map<string, string>();
    for (const event of events)
      if (event.kind === 'joined' && event.userId) participants.set(event.userId, event.name ?? '');
    ctx.set('cache-control', 'private, no-store');
    ctx.body = {
      dojoId,
      files: document?.files() ?? {},
      participants: [...participants].map(([userId, name]) => ({ userId, name })),
      runs: events
        .filter((event) => event.kind === 'test_run')
        .map((event) => ({
          colour: event.data.colour,
          summary: event.data.summary,
          userId: event.userId,
          name: event.name,
          at: new Date(event.at).toISOString(),
        })),
    };
  });

  return router;
}

async function allHistory(
  store: DojoStore,
  tenantId: TenantId,
  dojoId: DojoId,
  kinds: StoredHistoryEvent['kind'][],
): Promise<StoredHistoryEvent[]> {
  const events: StoredHistoryEvent[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await store.listHistory(tenantId, dojoId, { limit: 500, cursor, kinds });
    events.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return events;
  }
}
