import { KataRunQueues } from '@pocdojo/common/contracts/kata-runs';
import { freePort } from '@pocdojo/common/dev/ports';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import { createMetricsRegistry } from '@pocdojo/common/runtime/metrics';
import test from 'ava';
import { type KataRunner, startKataRunner } from '../../../kata-runner/src/kata-runner.ts';
import { hostTestRunner } from '../../../kata-runner/test/support/test-runner-fixture.ts';
import { ApiClient, signUpTeam } from '../helpers/client.ts';
import { joinTeam } from '../helpers/invitations.ts';
import { INTERNAL_TOKEN, startTestPlatform, type TestPlatform } from '../helpers/platform.ts';

let platform: TestPlatform;
let runner: KataRunner;
let runnerStopped = false;

test.before(async () => {
  const runnerPort = await freePort();
  platform = await startTestPlatform({ KATA_RUNNER_URL: `http://127.0.0.1:${runnerPort}` });
  // The real runner: its sandbox and toolchains on this machine, its check endpoint on runnerPort.
  const sqs = createSqsClient({ region: 'us-east-1', endpoint: platform.awsEndpoint });
  for (const queue of Object.values(KataRunQueues)) await ensureQueue(sqs, queue, { maxReceiveCount: 3 });
  runner = await startKataRunner({
    sqs,
    requestsQueue: KataRunQueues.requests,
    resultsQueue: KataRunQueues.results,
    runner: (await hostTestRunner()).runner,
    wallSeconds: 20,
    concurrency: 1,
    waitTimeSeconds: 1,
    logger: createLogger('kata-runner-test', 'silent'),
    registry: createMetricsRegistry('kata-runner-test'),
    port: runnerPort,
    internalToken: INTERNAL_TOKEN,
  });
});

test.after.always(async () => {
  if (!runnerStopped) await runner?.stop(1000);
  await platform?.close();
});

const CODE = 'export function leap(year: number): boolean {\n  throw new Error("Not implemented yet");\n}\n';
const TESTS = [
  "import assert from 'node:assert/strict';",
  "import { test } from 'node:test';",
  "import { leap } from './leap.ts';",
  '',
  "test('2000 is a leap year', () => {",
  '  assert.equal(leap(2000), true);',
  '});',
  '',
].join('\n');

const kata = (starters: Record<string, string>, overrides: Record<string, unknown> = {}) => ({
  id: 'leap-years',
  title: 'Leap years',
  summary: 'Is a year a leap year?',
  description: '## The problem\nDivisible by 4, except centuries, except every 400 years.',
  difficulty: 'easy',
  tags: ['tdd'],
  starters: { typescript: { files: starters } },
  ...overrides,
});

test.serial(
  'a team kata is checked in the sandbox: red starters are saved, amber ones refused with the reason',
  async (t) => {
    const team = await signUpTeam(new ApiClient(platform.url));
    const { owner } = team;

    const broken = await owner.post(
      '/v1/katas',
      kata({ 'leap.ts': 'export function leap(: {', 'leap.test.ts': TESTS }),
    );
    t.is(broken.status, 400, JSON.stringify(broken.body));
    t.is(broken.body.errors[0].field, 'starters.typescript');
    // A new team speaks pt-BR (its default language) unless the request asks otherwise.
    t.regex(broken.body.errors[0].message, /^amarelo \(compile-error\)/);

    const untested = await owner.post('/v1/katas', kata({ 'leap.ts': CODE }));
    t.is(untested.status, 400);
    t.regex(untested.body.errors[0].message, /^amarelo \(no-tests\)/);
    t.is((await owner.get('/v1/katas/leap-years')).status, 404, 'nothing was saved');

    const created = await owner.post('/v1/katas', kata({ 'leap.ts': CODE, 'leap.test.ts': TESTS }));
    t.is(created.status, 201, JSON.stringify(created.body));
    t.deepEqual(created.body.languages, ['typescript']);

    // Edit: a new title and a Python starter, both checked again.
    const python = {
      'leap.py': 'def leap(year: int) -> bool:\n    raise NotImplementedError()\n',
      'test_leap.py': 'from leap import leap\n\n\ndef test_2000():\n    assert leap(2000)\n',
    };
    const edited = await owner.request('PUT', '/v1/katas/leap-years', {
      ...kata({ 'leap.ts': CODE, 'leap.test.ts': TESTS }, { title: 'Leap years (two languages)' }),
      starters: { typescript: { files: { 'leap.ts': CODE, 'leap.test.ts': TESTS } }, python: { files: python } },
    });
    t.is(edited.status, 200, JSON.stringify(edited.body));
    t.deepEqual(edited.body.languages, ['typescript', 'python']);
    const read = (await owner.get('/v1/katas/leap-years')).body;
    t.is(read.title, 'Leap years (two languages)');
    t.truthy(read.starters.python);

    const ambered = await owner.request(
      'PUT',
      '/v1/katas/leap-years',
      kata({ 'leap.ts': CODE, 'leap.test.ts': 'nope(' }),
    );
    t.is(ambered.status, 400);
    t.is((await owner.get('/v1/katas/leap-years')).body.title, 'Leap years (two languages)', 'unchanged');

    // Only its author or an admin changes it; built-in katas never; ids must agree.
    const member = await joinTeam(platform, owner, { email: `m-${team.slug}@example.com`, name: 'Mia Member' });
    const forbidden = await member.client.request(
      'PUT',
      '/v1/katas/leap-years',
      kata({ 'leap.ts': CODE, 'leap.test.ts': TESTS }),
    );
    t.is(forbidden.status, 403);
    t.is((await member.client.delete('/v1/katas/leap-years')).status, 403);
    t.is((await owner.delete('/v1/katas/fizzbuzz')).status, 403);
    const mismatch = await owner.request(
      'PUT',
      '/v1/katas/leap-years',
      kata({ 'leap.ts': CODE, 'leap.test.ts': TESTS }, { id: 'other' }),
    );
    t.is(mismatch.body.errors[0].field, 'id');

    t.is((await owner.delete('/v1/katas/leap-years')).status, 204);
    t.is((await owner.get('/v1/katas/leap-years')).status, 404);
    t.is((await owner.delete('/v1/katas/leap-years')).status, 404);
  },
);

test.serial('without the runner no kata is saved: a 503 to retry', async (t) => {
  const { owner } = await signUpTeam(new ApiClient(platform.url));
  await runner.stop(1000);
  runnerStopped = true;
  const answer = await owner.post('/v1/katas', kata({ 'leap.ts': CODE, 'leap.test.ts': TESTS }));
  t.is(answer.status, 503);
  t.is(answer.body.code, 'kata_runner_unavailable');
  t.is((await owner.get('/v1/katas/leap-years')).status, 404);
});
