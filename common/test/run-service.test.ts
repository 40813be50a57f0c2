import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import test from 'ava';

const fixture = join(import.meta.dirname, 'fixtures', 'run-service-fixture.ts');

/** Starts the fixture service; `lines` are its JSON log lines so far. */
function startFixture(env: Record<string, string>) {
  const child = spawn(process.execPath, [fixture], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number);
  const lines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; level: number; signal?: string; service: string });
  const logged = (msg: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (lines().some((line) => line.msg === msg)) resolve();
        else if (child.exitCode !== null) reject(new Error(`exited before logging "${msg}": ${output}`));
        else child.stdout.once('data', () => setImmediate(check));
      };
      child.once('exit', () => setImmediate(check));
      check();
    });
  return { child, exited, lines, logged };
}

test('SIGTERM stops the service once, even when repeated during the drain, and exits 0', async (t) => {
  const service = startFixture({ FIXTURE_START: 'ok', FIXTURE_STOP_MS: '500' });
  await service.logged('fixture ready');
  service.child.kill('SIGTERM');
  await service.logged('fixture stop called');
  service.child.kill('SIGTERM');
  service.child.kill('SIGINT');
  t.is(await service.exited, 0);
  const messages = service.lines().map((line) => line.msg);
  t.is(messages.filter((msg) => msg === 'fixture stop called').length, 1);
  t.deepEqual(
    messages.filter((msg) => msg.startsWith('stop')),
    ['stopping: finishing the fixture work', 'stopped'],
  );
  t.true(service.lines().every((line) => line.service === 'fixture'));
});

test('a failed start is logged as fatal and exits 1', async (t) => {
  const service = startFixture({ FIXTURE_START: 'fail' });
  t.is(await service.exited, 1);
  const fatal = service.lines().find((line) => line.level === 60);
  t.is(fatal?.msg, 'fixture failed to start');
});

test('an invalid environment exits 1 naming the variable', async (t) => {
  const service = startFixture({ FIXTURE_START: 'maybe' });
  t.is(await service.exited, 1);
  t.regex(JSON.stringify(service.lines()), /FIXTURE_START/);
});

test('a failed stop exits 1 after saying so', async (t) => {
  const service = startFixture({ FIXTURE_START: 'ok', FIXTURE_STOP: 'fail' });
  await service.logged('fixture ready');
  service.child.kill('SIGINT');
  t.is(await service.exited, 1);
  t.true(service.lines().some((line) => line.msg === 'unclean stop'));
});
