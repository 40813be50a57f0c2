import Router from '@koa/router';
import { Problem } from '@pocdojo/common/runtime/problem';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { LiveChannels } from '../domain/live-channels.ts';
import type { LiveHub } from '../domain/live-hub.ts';
import { ErrorCodes } from '../errors.ts';
import { callerOf } from './authentication.ts';
import { parse } from './validation.ts';

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();
const idParams = z.object({ id: z.uuid() });

interface Row {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
  cursor_at: string;
}

const view = (row: Row) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
});

/** Decodes `createdAt|id`; a tampered cursor is a 400. */
function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !z.uuid().safeParse(id).success) {
    throw new Problem(400, ErrorCodes.validationFailed, 'Bad Request', {
      detail: 'The cursor is invalid; use nextCursor from the previous page',
      errors: [{ field: 'query.cursor', message: 'invalid cursor' }],
    });
  }
  return [at, id];
}

async function unreadCount(db: Database, tenantId: string, userId: string): Promise<number> {
  return db.inTenant(tenantId as never, async (tx) => {
    const { rows } = await tx.query<{ n: string }>(
      'select count(*) as n from notifications where user_id = $1 and read_at is null',
      [userId],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/**
 * The bell: the caller's in-app notifications, newest first with cursor
 * paging and the unread count; mark one or all read; and a Server-Sent Events
 * stream that says when the count changes (no polling). Every query runs in the
 * caller's tenant and filters by the caller, so nobody reads another's bell.
 */
export function notificationRoutes(db: Database, hub: LiveHub, options: { heartbeatMs?: number } = {}): Router {
  const router = new Router();

  router.get('/v1/notifications', async (ctx) => {
    const caller = callerOf(ctx);
    const query = parse(listQuery, ctx.query, 'query');
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await db.inTenant(caller.tenantId, async (tx) => {
      const { rows } = await tx.query<Row>(
        `select id, kind, title, body, link, created_at, read_at, to_json(created_at) #>> '{}' as cursor_at
           from notifications
          where user_id = $1 ${query.unread === 'true' ? 'and read_at is null' : ''}
            and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
          order by created_at desc, id desc limit $4`,
        [caller.userId, after?.[0] ?? null, after?.[1] ?? null, query.limit + 1],
      );
      return rows;
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    ctx.body = {
      items: page.map(view),
      nextCursor:
        rows.length > query.limit && last ? Buffer.from(`${last.cursor_at}|${last.id}`).toString('base64url') : null,
      unreadCount: await unreadCount(db, caller.tenantId, caller.userId),
    };
  });

  router.post('/v1/notifications/:id/read', async (ctx) => {
    const caller = callerOf(ctx);
    const { id } = parse(idParams, ctx.params, 'params');
    const found = await db.inTenant(caller.tenantId, async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `update notifications set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2
         returning id`,
        [id, caller.userId],
      );
      if (rows.length) await LiveChannels.announce(tx, caller.tenantId, caller.userId);
      return rows.length > 0;
    });
    if (!found) throw new Problem(404, ErrorCodes.notFound, 'Not Found', { detail: 'No such notification' });
    ctx.body = { unreadCount: await unreadCount(db, caller.tenantId, caller.userId) };
  });

  router.post('/v1/notifications/read-all', async (ctx) => {
    const caller = callerOf(ctx);
    await db.inTenant(caller.tenantId, async (tx) => {
      const { rowCount } = await tx.query(
        'update notifications set read_at = now() where user_id = $1 and read_at is null',
        [caller.userId],
      );
      if (rowCount) await LiveChannels.announce(tx, caller.tenantId, caller.userId);
    });
    ctx.body = { unreadCount: 0 };
  });

  router.get('/v1/notifications/stream', async (ctx) => {
    const caller = callerOf(ctx);
    ctx.req.setTimeout(0);
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...(ctx.response.get('access-control-allow-origin')
        ? { 'access-control-allow-origin': ctx.response.get('access-control-allow-origin') }
        : {}),
    });
    let closed = false;
    let sending = Promise.resolve();
    const send = () => {
      sending = sending.then(async () => {
        if (closed) return;
        const count = await unreadCount(db, caller.tenantId, caller.userId).catch(() => null);
        if (count !== null && !closed) res.write(`event: unread\ndata: ${JSON.stringify({ unreadCount: count })}\n\n`);
      });
    };
    const unsubscribe = hub.subscribe(caller.tenantId, caller.userId, send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? 25_000);
    const close = () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
    };
    res.on('close', close);
    res.write('retry: 3000\n\n');
    send();
  });

  return router;
}
