import type { Server } from 'node:http';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import Koa from 'koa';

/**
 * UNIT-LEVEL FAKE of platform-api's `GET /internal/v1/pocs` (the real one is
 * platform-api's; this stub only follows its contract: Bearer INTERNAL_TOKEN,
 * `limit` ≤ 1000, opaque `cursor`, `{items, nextCursor}` in a stable order).
 */
export async function startExportStub(pocs: SearchablePoc[], token: string, options: { failFirst?: number } = {}) {
  const requests: { limit: number; cursor: string | null }[] = [];
  let failures = options.failFirst ?? 0;
  const app = new Koa();
  app.use((ctx) => {
    // `failFirst`: the platform is not up yet (or restarting) for that many requests.
    if (failures > 0) {
      failures--;
      ctx.status = 503;
      return;
    }
    if (ctx.path !== '/internal/v1/pocs') {
      ctx.status = 404;
      return;
    }
    if (ctx.get('authorization') !== `Bearer ${token}`) {
      ctx.status = 401;
      ctx.type = 'application/problem+json';
      ctx.body = { status: 401, code: 'unauthorized', title: 'Unauthorized' };
      return;
    }
    const limit = Math.min(1000, Number(ctx.query.limit ?? 100));
    const cursor = typeof ctx.query.cursor === 'string' ? ctx.query.cursor : null;
    requests.push({ limit, cursor });
    const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
    const items = pocs.slice(start, start + limit);
    const next = start + limit < pocs.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
    ctx.body = { items, nextCursor: next };
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
