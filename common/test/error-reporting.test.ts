import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { freePort } from '../src/dev/ports.ts';
import { startEnvelopeReceiver } from '../src/dev/testing/envelope-receiver.ts';

const root = join(import.meta.dirname, '..', '..');
const secret = 'internal-token-that-must-never-leave-0123456789';

/** Runs a service as production does (`node --import @pocdojo/common/instrument …`); resolves with its exit code. */
function runService(entry: string, env: Record<string, string>): Promise<number | null> {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', '@pocdojo/common/instrument', join(root, entry)], {
    cwd: root,
    // Errors are reported as they are logged: a LOG_LEVEL above `error` would silence both.
    env: { ...inherited, LOG_LEVEL: 'error', ...env },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test("a service's unhandled error reaches the Sentry DSN, with its context and without its secrets", async (t) => {
  const receiver = await startEnvelopeReceiver();
  t.teardown(() => receiver.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-errors-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  // SQS is unreachable: search-indexer cannot start, and says so at fatal level.
  const exit = runService('search-indexer/src/main.ts', {
    SENTRY_DSN: receiver.dsn,
    SENTRY_ENVIRONMENT: 'test',
    INTERNAL_TOKEN: secret,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`,
    PORT: '0',
    METRICS_PORT: '0',
    SEARCH_DATA_DIR: dataDir,
  });
  // The report is sent before the process exits (its pending request keeps it alive); a second of slack.
  const { payload, envelope } = await Promise.race([
    receiver.next('event'),
    exit.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      throw new Error('the service exited and no event arrived');
    }),
  ]);
  const event = payload as {
    exception: { values: { type: string; value: string; stacktrace?: { frames: unknown[] } }[] };
    tags: Record<string, string>;
    environment: string;
    level: string;
  };
  t.is(event.tags.service, 'search-indexer');
  t.is(event.tags.log_message, 'search-indexer failed to start');
  t.is(event.environment, 'test');
  t.true(event.exception.values.length > 0);
  t.true(
    event.exception.values.some((v) => (v.stacktrace?.frames.length ?? 0) > 0),
    'with its stack',
  );
  t.false(envelope.raw.includes(secret), 'no secret from the environment');
  t.is(await exit, 1, 'the service still exits as it did');
});

test('without SENTRY_DSN nothing is sent and the service behaves as before', async (t) => {
  const receiver = await startEnvelopeReceiver();
  t.teardown(() => receiver.close());
  const dataDir = await mkdtemp(join(tmpdir(), 'pocdojo-errors-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const code = await runService('search-indexer/src/main.ts', {
    SENTRY_DSN: '',
    INTERNAL_TOKEN: secret,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${await freePort()}`,
    PORT: '0',
    METRICS_PORT: '0',
    SEARCH_DATA_DIR: dataDir,
  });
  t.is(code, 1);
  t.deepEqual(receiver.envelopes, []);
});
