/**
 * `npm test`: provides the real services the tests need, then runs AVA.
 * - Postgres: DATABASE_URL (superuser URL) when set; otherwise an embedded
 *   Postgres under .data/test-postgres on a free port.
 * - Redis: REDIS_URL when set; otherwise 127.0.0.1:6379 when it answers;
 *   otherwise a `redis-server` started on a free port when the binary exists.
 * Then, after AVA, the Android app's checks (its Kotlin type-checked against Compose for desktop, the room's
 * composables tested on the desktop JVM: apps/android/README.md) and the Kotlin client core's JUnit tests (unit and end-to-end against the real services) with
 * Maven in apps/android/core, with the same DATABASE_URL and REDIS_URL; the exit code fails when either fails.
 * Extra arguments go to AVA (`npm test -- platform-api/test/pocs.test.ts`) and skip Maven; `npm test -- --kotlin`
 * runs only Maven.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { startEmbeddedPostgres } from '../common/src/dev/embedded-postgres.ts';
import { freePort } from '../common/src/dev/ports.ts';
import { SetupError } from '../common/src/dev/setup-error.ts';

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

let running: ChildProcess | undefined;

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<number> {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
  running = child;
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.log(`[test] ${command} could not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATABASE_URL: await ensurePostgres() };
  const redis = await ensureRedis();
  if (redis) env.REDIS_URL = redis;
  const stop = () => running?.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const args = process.argv.slice(2);
  const kotlinOnly = args.length === 1 && args[0] === '--kotlin';
  const avaCode = kotlinOnly
    ? 0
    : await run(process.execPath, [join(root, 'node_modules', 'ava', 'entrypoints', 'cli.js'), ...args], env);
  if (args.length > 0 && !kotlinOnly) return avaCode;
  // The end-to-end tests start scripts/e2e-stack.ts with this Node.
  const mavenEnv = { ...env, PATH: `${dirname(process.execPath)}:${env.PATH ?? ''}` };
  console.log('\n[test] Android app: every screen type-checked against Compose for desktop, then the room tested');
  const appCode =
    (await run('npm', ['run', '-s', 'typecheck:app', '-w', 'apps/android'], mavenEnv)) ||
    (await run('npm', ['run', '-s', 'preview', '-w', 'apps/android'], mavenEnv));
  console.log('\n[test] Kotlin client core (apps/android/core): mvn test');
  const mavenCode = await run(
    'mvn',
    ['-B', '--no-transfer-progress', 'test'],
    mavenEnv,
    join(root, 'apps', 'android', 'core'),
  );
  return avaCode || appCode || mavenCode;
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
