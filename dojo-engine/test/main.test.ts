import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '@pocdojo/common/dev/ports';
import { createTestDatabase } from '@pocdojo/common/dev/testing/databases';
import test from 'ava';
import { eventually } from './helpers/dojo-client.ts';

test('main.ts starts from the npm start environment, logs JSON, migrates, and stops on SIGTERM', async (t) => {
  const database = await createTestDatabase('dojomain');
  t.teardown(() => database.drop());
  const port = await freePort();
  const child = spawn(process.execPath, [join(import.meta.dirname, '../src/main.ts')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
      METRICS_PORT: '0',
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.ownerUrl,
      JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      INTERNAL_TOKEN: 'x'.repeat(32),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stdout += chunk;
  });
  await eventually(() => stdout.includes('dojo-engine listening') || child.exitCode !== null, 15_000, 'listening');
  t.is((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  t.is((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
  const lines = stdout.trim().split('\n');
  t.true(
    lines.every((line) => JSON.parse(line).service === 'dojo-engine'),
    stdout,
  );
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  t.is(code, 0);
  t.true(stdout.includes('stopping'));
});

test('main.ts fails fast naming the missing variable', async (t) => {
  const child = spawn(process.execPath, [join(import.meta.dirname, '../src/main.ts')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'fatal' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, 'exit');
  t.is(code, 1);
  t.regex(output, /DATABASE_URL/);
  t.regex(output, /JWKS_URL/);
});
