import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '@pocdojo/common/dev/embedded-postgres';
import { freePort } from '@pocdojo/common/dev/ports';
import test from 'ava';
import type pg from 'pg';
import { ApiClient, type Reply, signUpTeam } from './helpers/client.ts';
import { startTestPlatform, type TestPlatform } from './helpers/platform.ts';

/**
 * Postgres restarted under API load, on a Postgres of this test's own (the
 * machine's shared one is never stopped): every answer is a success or a 503
 * with Retry-After — never a 500 — the API serves again once Postgres is
 * back, and every POST answered 201 is stored.
 */
let dataDir: string;
let port: number;
let postgres: EmbeddedPostgresHandle | undefined;
let platform: TestPlatform;
let api: ApiClient;

test.before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'platform-pg-restart-'));
  // The server runs as the `postgres` user when we are root: it must reach its data directory.
  await chmod(dataDir, 0o755);
  port = await freePort();
  postgres = await startEmbeddedPostgres({ dir: join(dataDir, 'pg'), port });
  // The platform's test database is provisioned from DATABASE_URL: point it at this Postgres.
  process.env.DATABASE_URL = postgres.adminUrl;
  platform = await startTestPlatform();
  api = new ApiClient(platform.url);
});

test.after.always(async () => {
  await platform?.close().catch(() => {});
  await postgres?.stop().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
test('a Postgres restart under load gives 503s with Retry-After, never a 500, and loses no acknowledged write', async (t) => {
  const team = await signUpTeam(api);
  const replies: Array<{ what: string; reply: Reply }> = [];
  const created = new Set<string>();
  let restarted = false;
  let okAfterRestart = 0;
  let stop = false;

  async function worker(index: number): Promise<void> {
    for (let i = 0; !stop; i++) {
      const what = ['GET /v1/pocs', 'POST /v1/pocs', 'GET /v1/me', 'GET /v1/members'][(index + i) % 4] as string;
      const reply =
        what === 'POST /v1/pocs'
          ? await team.owner.post('/v1/pocs', { name: `Load ${index}-${i}`, languages: ['go'] })
          : await team.owner.get(what.slice(4));
      replies.push({ what, reply });
      if (reply.status === 201) created.add(reply.body.id);
      if (restarted && reply.status < 300) okAfterRestart++;
      if (reply.status === 503) {
        // Honour Retry-After, as a client would, but not longer than half a second in a test.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(500, Number(reply.headers.get('retry-after')) * 1000)),
        );
      }
    }
  }

  const workers = [0, 1, 2, 3].map(worker);
  // Load first, then take Postgres away and bring it back while the workers keep going.
  while (replies.filter((r) => r.reply.status < 300).length < 20) await new Promise((r) => setTimeout(r, 20));
  await postgres?.stop();
  const during = replies.length;
  while (replies.length < during + 8) await new Promise((r) => setTimeout(r, 20));
  postgres = await startEmbeddedPostgres({ dir: join(dataDir, 'pg'), port });
  restarted = true;
  const deadline = Date.now() + 30_000;
  while (okAfterRestart < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  stop = true;
  await Promise.all(workers);

  const statuses = new Map<string, number>();
  for (const { what, reply } of replies) {
    statuses.set(`${what} ${reply.status}`, (statuses.get(`${what} ${reply.status}`) ?? 0) + 1);
  }
  t.log([...statuses].map(([key, n]) => `${key}: ${n}`).join(', '));
  const bad = replies.filter(({ reply }) => reply.status >= 300 && reply.status !== 503);
  t.deepEqual(
    bad.map(({ what, reply }) => `${what} ${reply.status} ${JSON.stringify(reply.body)}`),
    [],
    'only successes and 503s',
  );
  const unavailable = replies.filter(({ reply }) => reply.status === 503);
  t.true(unavailable.length > 0, 'requests did meet the outage');
  for (const { reply } of unavailable) {
    t.is(reply.headers.get('content-type'), 'application/problem+json');
    t.is(reply.body.code, 'database_unavailable');
    t.true(Number(reply.headers.get('retry-after')) >= 1);
  }
  t.true(okAfterRestart >= 20, 'the API serves again after the restart');

  // Every POC acknowledged with 201 is there.
  const stored = new Set<string>();
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: Reply = await team.owner.get(`/v1/pocs?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    for (const poc of page.body.items) stored.add(poc.id);
    cursor = page.body.nextCursor;
  }
  t.deepEqual(
    [...created].filter((id) => !stored.has(id)),
    [],
  );

  // No connection is left checked out by a transaction that died with the restart (it would never come back).
  const pool = (await platform.api.orm.em.getConnection().getNativeClient()) as pg.Pool;
  const quiet = Date.now() + 10_000;
  while (pool.totalCount - pool.idleCount > 0 && Date.now() < quiet) await new Promise((r) => setTimeout(r, 50));
  t.is(pool.totalCount - pool.idleCount, 0, 'every pooled connection is back');
});
