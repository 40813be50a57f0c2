/**
 * A STAND-IN for platform-api's internal export, for the media worker's tests
 * only. It serves the documented contract from fixtures:
 *   GET /internal/v1/pocs?tenantId=&ownerId=&from=&to=&limit=(≤1000)&cursor=
 *       → {items: SearchablePoc[], nextCursor: string|null}, order (createdAt, id),
 *         date filter on startedAt ?? createdAt, `to` exclusive
 *   GET /internal/v1/members?tenantId= → {items: [{id, name, email, role}]}
 *   GET /internal/v1/dojos?tenantId= → {items: [{id, title}]}
 * and, standing in for dojo-engine on the same port,
 *   GET /internal/v1/member-dojos?tenantId=&userId=&from=&to= → {items: [{dojoId, joinedAt, runs}]}
 * all behind `Authorization: Bearer <internal token>`. The lead's end-to-end
 * test exercises the real platform-api.
 */
import type { Server } from 'node:http';
import Router from '@koa/router';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import Koa from 'koa';
import type { Member } from '../../src/domain/poc-source.ts';

export interface PlatformStub {
  url: string;
  token: string;
  pocs: SearchablePoc[];
  members: Map<string, Member[]>;
  /** Dojo titles per tenant (platform-api's part). */
  dojos: Map<string, { id: string; title: string }[]>;
  /** Dojos joined per member (dojo-engine's part); the window is not applied. */
  memberDojos: Map<string, { dojoId: string; joinedAt: string; runs: string[] }[]>;
  /** When true, the dojo-engine part answers 503 (an engine outage). */
  engineDown: boolean;
  /** Requests seen, in order (path + query). */
  requests: string[];
  /** The next `count` requests answer `status` (to simulate an outage). */
  failNext(count: number, status?: number): void;
  /** Every answer waits `ms` first (to keep a job running). */
  delay(ms: number): void;
  close(): Promise<void>;
}

export async function startPlatformStub(token = 'test-internal-token-0123456789'): Promise<PlatformStub> {
  const app = new Koa();
  const router = new Router();
  const state = { failures: 0, failStatus: 503, delayMs: 0 };
  const stub = {
    url: '',
    token,
    pocs: [] as SearchablePoc[],
    members: new Map<string, Member[]>(),
    dojos: new Map<string, { id: string; title: string }[]>(),
    memberDojos: new Map<string, { dojoId: string; joinedAt: string; runs: string[] }[]>(),
    engineDown: false,
    requests: [] as string[],
    failNext(count: number, status = 503) {
      state.failures = count;
      state.failStatus = status;
    },
    delay(ms: number) {
      state.delayMs = ms;
    },
    close: async () => {},
  };

  app.use(async (ctx, next) => {
    stub.requests.push(ctx.url);
    if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (ctx.get('authorization') !== `Bearer ${token}`) {
      ctx.status = 401;
      ctx.type = 'application/problem+json';
      ctx.body = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'unauthorized' };
      return;
    }
    if (state.failures > 0) {
      state.failures--;
      ctx.status = state.failStatus;
      ctx.body = { title: 'stub outage', status: state.failStatus };
      return;
    }
    await next();
  });

  router.get('/internal/v1/pocs', (ctx) => {
    const q = ctx.query as Record<string, string | undefined>;
    const limit = Math.min(1000, Number(q.limit ?? 100));
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    const matching = stub.pocs
      .filter((poc) => !q.tenantId || poc.tenantId === q.tenantId)
      .filter((poc) => !q.ownerId || poc.ownerId === q.ownerId)
      .filter((poc) => {
        const date = Date.parse(poc.startedAt ?? poc.createdAt);
        return date >= from && date < to;
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const start = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) : 0;
    const items = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? Buffer.from(String(start + limit)).toString('base64url') : null;
    ctx.body = { items, nextCursor: next };
  });

  router.get('/internal/v1/members', (ctx) => {
    ctx.body = { items: stub.members.get(String(ctx.query.tenantId)) ?? [] };
  });

  router.get('/internal/v1/dojos', (ctx) => {
    ctx.body = { items: stub.dojos.get(String(ctx.query.tenantId)) ?? [] };
  });

  router.get('/internal/v1/member-dojos', (ctx) => {
    if (stub.engineDown) {
      ctx.status = 503;
      ctx.body = { title: 'engine outage', status: 503 };
      return;
    }
    ctx.body = { items: stub.memberDojos.get(String(ctx.query.userId)) ?? [] };
  });

  app.use(router.routes());
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  stub.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}
