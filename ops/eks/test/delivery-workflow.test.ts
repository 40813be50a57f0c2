import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { parse } from 'yaml';

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

const workflow = parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', '.github', 'workflows', 'delivery.yml'), 'utf8'),
);
const deploySteps: Step[] = workflow.jobs.deploy.steps;
const index = (match: (step: Step) => boolean) => deploySteps.findIndex(match);

test('the deploy writes the web app config, with the browser DSN, before uploading the bundle', (t) => {
  const write = index((step) => /npm run config -w apps\/web -- web-dist/.test(step.run ?? ''));
  const publish = index((step) => /aws s3 sync web-dist/.test(step.run ?? ''));
  t.true(write >= 0, 'a step writes web-dist/config.js');
  t.true(publish > write, 'the bundle is uploaded after its config was written');
  const env = deploySteps[write]?.env ?? {};
  t.regex(env.WEB_SENTRY_DSN ?? '', /vars\.POCDOJO_WEB_SENTRY_DSN/);
  for (const name of ['API_URL', 'ENGINE_URL', 'NOTIFIER_URL']) t.regex(env[name] ?? '', /^https:\/\//, name);
});

test('the shell and its config are uploaded uncached; hashed assets keep their long cache', (t) => {
  const publish = deploySteps[index((step) => /aws s3 sync web-dist/.test(step.run ?? ''))]?.run ?? '';
  t.regex(publish, /--exclude config\.js --exclude index\.html/);
  t.regex(publish, /for file in index\.html config\.js; do[\s\S]*--cache-control 'no-cache'/);
});
