/**
 * `npm test`: provides the real services the tests need, then runs AVA.
 * - Postgres: DATABASE_URL (superuser URL) when set; otherwise an embedded
 *   Postgres under .data/test-postgres on a free port.
 * - Redis: REDIS_URL when set; otherwise 127.0.0.1:6379 when it answers;
 *   otherwise a `redis-server` started on a free port when the binary exists.
 * Extra arguments go to AVA (`npm test -- platform-api/test/pocs.test.ts`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../common/src/embedded-postgres.ts';
import { freePort } from '../common/src/ports.ts';
import { SetupError } from '../common/src/setup-error.ts';

const root = join(import.meta.dirname, '..');
const cleanups: Array<() => Promise<unknown> | unknown> = [];

function answers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function ensurePostgres(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const port = await freePort();
  console.log(`[test] DATABASE_URL not set: starting embedded Postgres on port ${port}`);
  const pg = await startEmbeddedPostgres({ dir: join(root, '.data', 'test-postgres'), port });
  cleanups.push(() => pg.stop());
  return pg.adminUrl;
}

async function ensureRedis(): Promise<string | undefined> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (await answers(6379)) return 'redis://127.0.0.1:6379';
  if (spawnSync('which', ['redis-server']).status !== 0) {
    console.log(
      '[test] no Redis: REDIS_URL unset, nothing on 6379 and no redis-server binary; scale-out tests will fail',
    );
    return undefined;
  }
  const port = await freePort();
  console.log(`[test] starting redis-server on port ${port}`);
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  cleanups.push(() => child.kill('SIGTERM'));
  for (let i = 0; i < 50 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return `redis://127.0.0.1:${port}`;
}

async function main(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATABASE_URL: await ensurePostgres() };
  const redis = await ensureRedis();
  if (redis) env.REDIS_URL = redis;
  const ava = spawn(
    process.execPath,
    [join(root, 'node_modules', 'ava', 'entrypoints', 'cli.js'), ...process.argv.slice(2)],
    {
      cwd: root,
      env,
      stdio: 'inherit',
    },
  );
  const stop = () => ava.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise((resolve) => ava.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[test] ${error.message}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
process.exit(code);
