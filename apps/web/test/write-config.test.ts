import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import test from 'ava';

const run = promisify(execFile);
const script = join(import.meta.dirname, '..', 'scripts', 'write-config.ts');

/** Runs the deploy step on a fresh folder and evaluates the config.js it wrote, as the browser would. */
async function writeConfig(t: { teardown(fn: () => Promise<void>): void }, env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'web-config-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const { PATH, HOME } = process.env;
  await run(process.execPath, [script, dir], { env: { PATH, HOME, ...env } });
  const window: Record<string, unknown> = {};
  runInNewContext(await readFile(join(dir, 'config.js'), 'utf8'), { window });
  return window.__POCDOJO_CONFIG__;
}

const deployment = {
  API_URL: 'https://api.pocdojo.example/',
  ENGINE_URL: 'https://dojo.pocdojo.example',
  NOTIFIER_URL: 'https://api.pocdojo.example',
};

test('the deploy step writes the DSN the pipeline names into config.js', async (t) => {
  const config = await writeConfig(t, { ...deployment, WEB_SENTRY_DSN: 'https://key@errors.example/7' });
  t.deepEqual(config, {
    apiUrl: 'https://api.pocdojo.example',
    engineUrl: 'https://dojo.pocdojo.example',
    notifierUrl: 'https://api.pocdojo.example',
    sentryDsn: 'https://key@errors.example/7',
  });
});

test('an unset pipeline variable (empty string) means no error reporting, not an invalid URL', async (t) => {
  const config = (await writeConfig(t, { ...deployment, WEB_SENTRY_DSN: '' })) as Record<string, unknown>;
  t.false('sentryDsn' in config);
  t.is(config.engineUrl, 'https://dojo.pocdojo.example');
});

test('a missing service address fails the step, naming the variable', async (t) => {
  const error = await t.throwsAsync(writeConfig(t, { ENGINE_URL: deployment.ENGINE_URL }));
  t.regex(String((error as { stderr?: string }).stderr), /API_URL/);
});
