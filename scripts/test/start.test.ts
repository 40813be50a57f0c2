import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '@pocdojo/common/dev/ports';
import { listeningSockets, processTree } from '@pocdojo/common/dev/testing/listening-sockets';
import test from 'ava';

const root = join(import.meta.dirname, '..', '..');

/** `npm start` as a person runs it, on free ports, with its state in a temporary folder. */
class StartedPlatform {
  readonly child: ChildProcess;
  output = '';
  private waiters: Array<() => void> = [];

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [join(root, 'scripts', 'start.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      // Colours off: the lines are matched as text.
      this.output += stripVTControlCharacters(chunk.toString('utf8'));
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.child.once('exit', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Resolves with the first match of `pattern` in the output from `from` on. */
  async line(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
    for (;;) {
      const match = pattern.exec(this.output.slice(from));
      if (match) return match;
      if (this.child.exitCode !== null) throw new Error(`npm start exited; waiting for ${pattern}:\n${this.output}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

async function healthy(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
    (response) => response.ok,
    () => false,
  );
}

test('npm start binds every port to loopback, restarts a killed service while the others serve, and stops on Ctrl-C', async (t) => {
  t.timeout(300_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-start-'));
  // The embedded Postgres runs as the postgres user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const ports: Record<string, number> = {};
  for (const name of [
    'EMBEDDED_PG_PORT',
    'AWS_EMULATOR_PORT',
    'PLATFORM_API_PORT',
    'DOJO_ENGINE_PORT',
    'SEARCH_INDEXER_PORT',
    'MEDIA_WORKER_PORT',
    'WEB_PORT',
    'PLATFORM_API_METRICS_PORT',
    'DOJO_ENGINE_METRICS_PORT',
    'SEARCH_INDEXER_METRICS_PORT',
    'MEDIA_WORKER_METRICS_PORT',
    'TRACES_PORT',
  ]) {
    ports[name] = await freePort();
  }
  // The embedded defaults, as in a fresh clone: no DATABASE_URL, REDIS_URL or HOST from the test run.
  const { DATABASE_URL: _db, REDIS_URL: _redis, HOST: _host, ...inherited } = process.env;
  const platform = new StartedPlatform({
    ...inherited,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    POCDOJO_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  t.teardown(() => {
    if (platform.child.exitCode === null) platform.child.kill('SIGKILL');
  });

  // The banner names the API docs on PLATFORM_API_PORT.
  await platform.line(
    new RegExp(`running — Ctrl-C to stop\\. API docs: http://127\\.0\\.0\\.1:${ports.PLATFORM_API_PORT}/docs`),
  );
  const services = {
    'platform-api': ports.PLATFORM_API_PORT,
    'dojo-engine': ports.DOJO_ENGINE_PORT,
    'search-indexer': ports.SEARCH_INDEXER_PORT,
    'media-worker': ports.MEDIA_WORKER_PORT,
    web: ports.WEB_PORT,
  };
  for (const [name, port] of Object.entries(services)) {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (!(await healthy(url))) {
      if (platform.child.exitCode !== null) t.fail(`${name} never became healthy:\n${platform.output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  // The services' spans reach the local trace page: a signup shows up as a trace of platform-api.
  await fetch(`http://127.0.0.1:${ports.PLATFORM_API_PORT}/v1/signup`, { method: 'POST', body: '{}' });
  for (;;) {
    const page = await fetch(`http://127.0.0.1:${ports.TRACES_PORT}/`).then((r) => r.text());
    if (/<td>platform-api<\/td>/.test(page)) break;
    if (platform.child.exitCode !== null) t.fail(`npm start stopped:\n${platform.output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  // Every port the stack listens on — Postgres, the emulator, each service and its metrics — is bound to loopback.
  const sockets = await listeningSockets(await processTree(platform.child.pid!));
  const bound = new Set(sockets.map((socket) => socket.port));
  for (const [name, port] of Object.entries(ports)) t.true(bound.has(port), `${name} (${port}) is listening`);
  t.deepEqual(
    sockets.filter((socket) => socket.address !== '127.0.0.1'),
    [],
    'no socket on another interface',
  );

  // Kill one service: it is restarted with a clear line, and the others keep serving meanwhile.
  const [, firstPid] = await platform.line(/dojo-engine: http:\/\/127\.0\.0\.1:\d+, metrics on port \d+ \(pid (\d+)\)/);
  const mark = platform.output.length;
  process.kill(Number(firstPid), 'SIGKILL');
  await platform.line(/dojo-engine exited \(SIGKILL\); restarting in 1\.0 s/, mark);
  t.true(await healthy(`http://127.0.0.1:${ports.PLATFORM_API_PORT}/healthz`), 'platform-api still serves');
  t.true(await healthy(`http://127.0.0.1:${ports.WEB_PORT}/healthz`), 'the web app still serves');
  const [, secondPid] = await platform.line(
    /dojo-engine: http:\/\/127\.0\.0\.1:\d+, metrics on port \d+ \(pid (\d+)\)/,
    mark,
  );
  t.not(secondPid, firstPid);
  while (!(await healthy(`http://127.0.0.1:${ports.DOJO_ENGINE_PORT}/healthz`))) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  // Ctrl-C stops everything, cleanly.
  const exited = new Promise<number | null>((resolve) => platform.child.once('exit', (code) => resolve(code)));
  platform.child.kill('SIGINT');
  t.is(await exited, 0);
  t.regex(platform.output, /\[start\] stopped/);
  const left = await listeningSockets(await processTree(process.pid));
  t.deepEqual(
    left.filter((socket) => Object.values(ports).includes(socket.port)),
    [],
  );
});
