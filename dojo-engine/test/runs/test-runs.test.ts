import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from '@automerge/automerge';
import { matchMaker } from '@colyseus/core';
import type { TestRun } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { DojoId, TenantId } from '@pocdojo/common/contracts/ids';
import { KataRunQueues, type RunResult } from '@pocdojo/common/contracts/kata-runs';
import { startAwsEmulator } from '@pocdojo/common/dev/testing/emulator';
import { createSqsClient, ensureQueue } from '@pocdojo/common/runtime/aws';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { SqsRunDispatcher } from '../../src/runs/run-dispatcher.ts';
import { deliverRunResult, startRunResultsConsumer } from '../../src/runs/run-results-consumer.ts';
import { eventually, TestDojoClient } from '../helpers/dojo-client.ts';
import { startEngine, type TestEngine } from '../helpers/engine.ts';
import { dojoFixture } from '../helpers/tickets.ts';

/**
 * The whole loop with real parts: a real engine, the real kata-runner process (bubblewrap sandbox, real
 * Node toolchain) and the SQS emulator between them.
 */
const TEST = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fizzBuzz } from './fizzbuzz.ts';

test('1 is said as "1"', () => {
  assert.equal(fizzBuzz(1), '1');
});

test('3 is said as "Fizz"', () => {
  assert.equal(fizzBuzz(3), 'Fizz');
});
`;
const RED = `export function fizzBuzz(n: number): string {\n  throw new Error('Not implemented yet');\n}\n`;
const files = { 'fizzbuzz.ts': RED, 'fizzbuzz.test.ts': TEST };

let engine: TestEngine;
let runner: ChildProcess;
let stopResults: () => Promise<void>;
let stopEmulator: () => Promise<void>;
let runnerLogs = '';

test.before(async () => {
  const emulator = await startAwsEmulator();
  stopEmulator = emulator.stop;
  const sqs = createSqsClient(emulator.settings);
  const requestsUrl = await ensureQueue(sqs, KataRunQueues.requests, { visibilityTimeoutSeconds: 60 });
  const resultsUrl = await ensureQueue(sqs, KataRunQueues.results);
  engine = await startEngine({ runs: new SqsRunDispatcher(sqs, requestsUrl) });
  stopResults = startRunResultsConsumer({ sqs, queueUrl: resultsUrl, logger: createLogger('test-runs', 'warn') }).stop;
  runner = spawn(process.execPath, [join(import.meta.dirname, '..', '..', '..', 'kata-runner', 'src', 'main.ts')], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: emulator.settings.endpoint,
      KATA_RUNNER_CACHE_DIR: join(tmpdir(), 'pocdojo-kata-runner-test-cache'),
      KATA_RUNNER_FIRST_UID: String(65_000 + Math.floor(Math.random() * 1000) * 16),
      KATA_WAIT_TIME_SECONDS: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runner.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    runnerLogs += chunk;
  });
  runner.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    runnerLogs += chunk;
  });
  await eventually(() => runnerLogs.includes('kata runner consuming'), 120_000, 'the kata runner');
});

test.after.always(async () => {
  runner?.kill('SIGTERM');
  await stopResults?.();
  await engine?.close();
  await stopEmulator?.();
});

const done = (client: TestDojoClient, count: number) =>
  client.runUpdates.filter((run) => run.status === 'done').length >= count;
const finished = (client: TestDojoClient) => client.runUpdates.filter((run) => run.status === 'done');

test.serial(
  'Run: red, then green after an edit; everyone sees the same light, and every run is in the history',
  async (t) => {
    const dojo = dojoFixture(engine.key, { editPolicy: 'everyone', language: 'typescript', files });
    const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada', role: 'facilitator' }));
    const bob = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Bob' }));
    const everyone = [ada, bob];
    await eventually(() => everyone.every((c) => c.text('fizzbuzz.ts') === RED), 5000, 'starter files');

    bob.room.send('run', {});
    await eventually(() => everyone.every((c) => done(c, 1)), 60_000, 'the first light');
    const [red] = finished(ada);
    t.is(red!.colour, 'red', red!.output);
    t.is(red!.byName, 'Bob');
    t.deepEqual(red!.failingTests.sort(), ['1 is said as "1"', '3 is said as "Fizz"']);
    t.regex(red!.summary, /2 failed/);
    t.true(red!.heads.length > 0);
    t.true((red!.durationMs ?? 0) > 0);
    t.deepEqual(finished(bob), finished(ada), 'both see the same light');
    t.true(ada.runUpdates.some((run) => run.runId === red!.runId && run.status === 'running'));

    // Bob makes the tests pass; Ada presses Run.
    bob.edit((doc) => {
      A.updateText(
        doc,
        ['files', 'fizzbuzz.ts'],
        `export function fizzBuzz(n: number): string {\n  return n % 3 === 0 ? 'Fizz' : String(n);\n}\n`,
      );
    });
    await eventually(() => ada.text('fizzbuzz.ts')?.includes('Fizz') === true, 5000, 'the edit');
    ada.room.send('run', {});
    await eventually(() => everyone.every((c) => done(c, 2)), 60_000, 'the second light');
    const green = finished(ada)[1]!;
    t.is(green.colour, 'green', green.output);
    t.is(green.byName, 'Ada');
    t.notDeepEqual(green.heads, red!.heads);
    t.deepEqual(finished(bob), finished(ada));

    // A newcomer gets the runs so far with its welcome.
    const cy = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Cy' }));
    await eventually(() => cy.runList.length === 2, 5000, 'the run list');
    t.deepEqual(
      cy.runList.map((run) => run.colour),
      ['red', 'green'],
    );

    // Every run is in the session history, with who ran it and the heads.
    const readHistory = () =>
      engine.server.store.listHistory(dojo.tenantId as TenantId, dojo.dojoId as DojoId, {
        limit: 100,
        kinds: ['test_run'],
      });
    let history = (await readHistory()).items;
    for (let attempt = 0; history.length < 2 && attempt < 100; attempt++) {
      // The room appends history in the background, in order: wait for its write.
      await new Promise((resolve) => setTimeout(resolve, 50));
      history = (await readHistory()).items;
    }
    t.deepEqual(
      history.map((event) => [event.name, event.data.colour]),
      [
        ['Bob', 'red'],
        ['Ada', 'green'],
      ],
    );
    t.deepEqual((history[0]!.data as unknown as TestRun).heads, red!.heads);
    for (const client of [ada, bob, cy]) await client.leave();

    // The room goes when the last one leaves; the next one shows the same lights, from the history.
    let disposed = false;
    await eventually(
      () => {
        void matchMaker.getRoomById(dojo.dojoId).then((room) => {
          disposed = !room;
        });
        return disposed;
      },
      10_000,
      'the empty room to go',
    );
    const dee = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Dee' }));
    await eventually(() => dee.runList.length === 2, 5000, 'the runs of the earlier room');
    t.deepEqual(
      dee.runList.map((run) => [run.runId, run.colour]),
      [
        [red!.runId, 'red'],
        [green.runId, 'green'],
      ],
    );
    await dee.leave();
  },
);

test.serial('a navigator may not run under the "driver" policy; nothing is queued', async (t) => {
  const dojo = dojoFixture(engine.key, { editPolicy: 'driver', language: 'typescript', files });
  const fay = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Fay', role: 'facilitator' }));
  const dee = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Dee' }));
  const nav = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Nav' }));
  await eventually(() => nav.state?.participants?.size === 3 && Boolean(nav.state.driverUserId), 5000, 'roster');
  nav.room.send('run', {});
  await eventually(() => nav.errors.length > 0, 5000, 'the refusal');
  t.is(nav.errors[0]!.code, 'run_forbidden');
  t.is(nav.errors[0]!.ref, 'run');
  t.regex(nav.errors[0]!.message, /driver or a facilitator/);
  // The driver may, and everyone sees it.
  dee.room.send('run', {});
  await eventually(() => [fay, dee, nav].every((c) => done(c, 1)), 60_000, 'the driver’s light');
  t.is(finished(nav)[0]!.byName, 'Dee');
  t.is(
    fay.runUpdates.filter((run) => run.status !== 'done' && run.byName === 'Nav').length,
    0,
    'a refused run was broadcast',
  );
  for (const client of [fay, dee, nav]) await client.leave();
});

test.serial('Run presses while a run is in progress are coalesced into one, and a flood is rate-limited', async (t) => {
  const dojo = dojoFixture(engine.key, { editPolicy: 'everyone', language: 'typescript', files });
  const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada', role: 'facilitator' }));
  await eventually(() => ada.text('fizzbuzz.ts') === RED, 5000, 'starter files');
  for (let press = 0; press < 4; press++) ada.room.send('run', {});
  await eventually(() => ada.errors.length > 0, 5000, 'the rate limit');
  t.is(ada.errors[0]!.code, 'rate_limited');
  await eventually(() => done(ada, 2), 60_000, 'two lights');
  const runIds = new Set(ada.runUpdates.map((run) => run.runId));
  t.is(runIds.size, 2, 'three presses while one run was in progress became two runs');
  t.true(ada.runUpdates.some((run) => run.status === 'queued'));
  await ada.leave();
});

test.serial(
  'a run for another tenant’s dojo is refused: no join, and a result naming another tenant is ignored',
  async (t) => {
    const dojo = dojoFixture(engine.key, { editPolicy: 'everyone', language: 'typescript', files });
    const ada = await TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Ada', role: 'facilitator' }));
    await eventually(() => ada.text('fizzbuzz.ts') === RED, 5000, 'starter files');
    // A member of another tenant cannot join (and so cannot send Run to) this dojo.
    const error = await t.throwsAsync(
      TestDojoClient.join(engine.url, await dojo.ticket({ name: 'Eve' }, { tenantId: randomUUID() })),
    );
    t.regex(String(error?.message), /tenant/);
    // A result forged for this dojo's run in progress, under another tenant, changes nothing.
    ada.room.send('run', {});
    await eventually(() => ada.runUpdates.some((run) => run.status === 'running'), 10_000, 'a run in progress');
    const forged: RunResult = {
      runId: ada.runUpdates[0]!.runId,
      tenantId: randomUUID(),
      dojoId: dojo.dojoId,
      language: 'typescript',
      colour: 'green',
      summary: 'forged',
      failingTests: [],
      output: '',
      outputTruncated: false,
      durationMs: 1,
      finishedAt: new Date().toISOString(),
    };
    t.is(await deliverRunResult(JSON.stringify(forged)), 'ignored');
    t.is(await deliverRunResult('{"not": "a result"}'), 'invalid');
    await eventually(() => done(ada, 1), 60_000, 'the real light');
    t.is(finished(ada)[0]!.colour, 'red', 'the forged green was taken');
    await ada.leave();
  },
);
