/**
 * The real services for the native clients' end-to-end tests and benchmarks (apps/android/core), driven over
 * stdin/stdout with one JSON object per line.
 *
 * Starts platform-api (with the SQS/S3 emulator) and the search indexer in this process, and dojo-engine as its
 * own child process (`dojo-engine/src/main.ts`, as in production) so a test can SIGKILL it, all over fresh
 * databases on DATABASE_URL. Prints `{"ready": true, "platformUrl", "engineUrl"}`, then answers each command
 * `{"id", "cmd", …}` with `{"id", "ok": true, …}` or `{"id", "ok": false, "error"}`. TypeScript dojo clients
 * (the web app's protocol, dojo-engine/test/helpers/dojo-client.ts) join the same rooms on request.
 * Stdin closing stops everything and drops the databases.
 *
 * Commands: killEngine, startEngine, invitationToken {invitationId}, tsJoin {client, dojoId, accessToken}, tsType {client, path, index, text},
 * tsChat {client, text}, tsState {client}, tsLeave {client}, tsEcho {client, path} (answers every `>` typed by
 * someone else with a `<`, for the keystroke benchmark), tsChain {from, to, path, count} (the same round trip
 * between two TypeScript clients, timed here).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../common/src/dev/ports.ts';
import { createTestDatabase } from '../common/src/dev/testing/databases.ts';
import { createLogger } from '../common/src/runtime/logger.ts';
import { migrate } from '../dojo-engine/src/persistence/migrate.ts';
import { eventually, TestDojoClient } from '../dojo-engine/test/helpers/dojo-client.ts';
import { invitationToken } from '../platform-api/test/helpers/invitation-token.ts';
import { INTERNAL_TOKEN, startTestPlatform } from '../platform-api/test/helpers/platform.ts';
import { loadSearchIndexerConfig } from '../search-indexer/src/config.ts';
import { startSearchIndexer } from '../search-indexer/src/search-indexer.ts';

const root = join(import.meta.dirname, '..');
const cleanups: Array<() => Promise<unknown>> = [];
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const log = (line: string) => process.stderr.write(`[e2e-stack] ${line}\n`);

const enginePort = await freePort();
const searchPort = await freePort();
const dojoDb = await createTestDatabase('dojo');
cleanups.push(() => dojoDb.drop());
await migrate(dojoDb.ownerUrl);
const platform = await startTestPlatform({
  SEARCH_URL: `http://127.0.0.1:${searchPort}`,
  DOJO_ENGINE_URL: `http://127.0.0.1:${enginePort}`,
});
cleanups.push(() => platform.close());
const searchDir = await mkdtemp(join(tmpdir(), 'pocdojo-e2e-search-'));
cleanups.push(() => rm(searchDir, { recursive: true, force: true }));
const indexer = await startSearchIndexer(
  loadSearchIndexerConfig({
    PORT: String(searchPort),
    // Metrics on any free port: a fixed one may be held by another stack on this machine.
    METRICS_PORT: '0',
    INTERNAL_TOKEN,
    AWS_ENDPOINT_URL: platform.api.deps.config.AWS_ENDPOINT_URL,
    SQS_WAIT_SECONDS: '1',
    SEARCH_DATA_DIR: searchDir,
    PLATFORM_API_URL: platform.url,
  }),
  createLogger('search-indexer-e2e', process.env.LOG_LEVEL ?? 'silent'),
);
cleanups.push(() => indexer.stop());

const engineUrl = `http://127.0.0.1:${enginePort}`;
let engine: ChildProcess | undefined;

async function startEngine(): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'dojo-engine', 'src', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      PORT: String(enginePort),
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: dojoDb.appUrl,
      JWKS_URL: `${platform.url}/.well-known/jwks.json`,
      PUBLIC_ADDRESS: `127.0.0.1:${enginePort}`,
      DOJO_EMPTY_GRACE_SECONDS: '2',
      // One process: no Redis scale-out.
      REDIS_URL: undefined,
    },
    // The engine's logs go to our stderr: stdout carries the JSON answers.
    stdio: ['ignore', 2, 2],
  });
  engine = child;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dojo-engine exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`${engineUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error('dojo-engine was not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function killEngine(): Promise<void> {
  const child = engine;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
cleanups.push(() => killEngine());

await startEngine();

const clients = new Map<string, TestDojoClient>();
const client = (name: unknown) => {
  const found = clients.get(String(name));
  if (!found) throw new Error(`no TypeScript client ${name}`);
  return found;
};

async function ticketFor(dojoId: string, accessToken: string): Promise<string> {
  const response = await fetch(`${platform.url}/v1/dojos/${dojoId}/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) throw new Error(`ticket: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { ticket: string }).ticket;
}

/** Answers every `>` someone else typed into `path` with a `<` right after it (one per `>`). */
function echo(ts: TestDojoClient, path: string): void {
  let answered = 0;
  const timer = setInterval(() => {
    const text = ts.text(path) ?? '';
    const asks = [...text].filter((c) => c === '>').length;
    while (answered < asks) {
      answered++;
      ts.type(path, (ts.text(path) ?? '').length, '<');
    }
  }, 1);
  cleanups.push(async () => clearInterval(timer));
}

/** Polls every millisecond: the benchmark's waits must not add the 10 ms of `eventually`. */
async function soon(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** `count` round trips between two TypeScript clients: `from` types `>`, `to` answers `<`; returns ms each. */
async function chain(from: TestDojoClient, to: TestDojoClient, path: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  const count_ = (text: string | undefined, c: string) => [...(text ?? '')].filter((x) => x === c).length;
  for (let i = 0; i < count; i++) {
    const before = count_(from.text(path), '<');
    const start = performance.now();
    from.type(path, (from.text(path) ?? '').length, '>');
    await soon(() => count_(to.text(path), '>') > count_(to.text(path), '<'), 'the keystroke at the peer');
    to.type(path, (to.text(path) ?? '').length, '<');
    await soon(() => count_(from.text(path), '<') > before, 'the answer');
    samples.push(performance.now() - start);
  }
  return samples;
}

/** One line on stdin; the fields each command uses are listed in the header. */
interface Command {
  id?: number;
  cmd: string;
  client?: string;
  dojoId?: string;
  accessToken?: string;
  invitationId?: string;
  relay?: boolean;
  path?: string;
  index?: number;
  text?: string;
  from?: string;
  to?: string;
  count?: number;
}

async function run(command: Command): Promise<Record<string, unknown>> {
  const path = String(command.path);
  switch (command.cmd) {
    case 'killEngine':
      await killEngine();
      return {};
    case 'startEngine':
      await startEngine();
      return {};
    case 'invitationToken':
      // The link of the invitation e-mail, which the test cannot read from an inbox here.
      return { token: await invitationToken(platform.ownerUrl, String(command.invitationId)) };
    case 'tsJoin': {
      const ts = await TestDojoClient.join(
        engineUrl,
        await ticketFor(String(command.dojoId), String(command.accessToken)),
        {
          relay: Boolean(command.relay),
        },
      );
      clients.set(String(command.client), ts);
      await eventually(() => Object.keys(ts.doc.files ?? {}).length > 0, 10_000, 'the document');
      return { sessionId: ts.room.sessionId };
    }
    case 'tsType':
      client(command.client).type(path, Number(command.index), String(command.text));
      return {};
    case 'tsChat':
      client(command.client).room.send('chat', { text: command.text });
      return {};
    case 'tsState': {
      const ts = client(command.client);
      return {
        files: ts.doc.files ?? {},
        chat: ts.chat.map((m) => m.text),
        presence: ts.presence.flatMap((b) => b.updates.map((u) => ({ name: u.name, file: u.file, head: u.head }))),
        announcements: ts.announcements,
        errors: ts.errors.map((e) => e.code),
        resets: ts.resets,
        timer: ts.snapshot?.timer.status,
        driverUserId: ts.snapshot?.driverUserId,
      };
    }
    case 'tsEcho':
      echo(client(command.client), path);
      return {};
    case 'tsChain':
      return { samples: await chain(client(command.from), client(command.to), path, Number(command.count)) };
    case 'tsLeave':
      await client(command.client).leave();
      clients.delete(String(command.client));
      return {};
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

async function stop(): Promise<never> {
  for (const ts of clients.values()) await ts.leave().catch(() => {});
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => log(`cleanup failed: ${error}`));
  process.exit(0);
}

reply({ ready: true, platformUrl: platform.url, engineUrl });
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let command: Command;
  try {
    command = JSON.parse(line);
  } catch {
    reply({ ok: false, error: `not JSON: ${line.slice(0, 100)}` });
    return;
  }
  run(command).then(
    (result) => reply({ id: command.id, ok: true, ...result }),
    (error) => reply({ id: command.id, ok: false, error: String(error?.stack ?? error) }),
  );
});
lines.on('close', () => void stop());
process.on('SIGTERM', () => void stop());
