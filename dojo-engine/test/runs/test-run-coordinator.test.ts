import { randomUUID } from 'node:crypto';
import type { TestRun } from '@pocdojo/common/contracts/dojo-protocol/messages';
import type { RunRequest } from '@pocdojo/common/contracts/kata-runs';
import { createLogger } from '@pocdojo/common/runtime/logger';
import test from 'ava';
import { CommandError } from '../../src/room/command-error.ts';
import type { RunDispatcher } from '../../src/runs/run-dispatcher.ts';
import { TestRunCoordinator, type TestRunRoom } from '../../src/runs/test-run-coordinator.ts';
import type { Clock } from '../../src/time/clock.ts';
import { ManualClock } from '../helpers/manual-clock.ts';

/** Unit tests with a fake room and dispatcher; the real loop is in test-runs.test.ts. */
function setup(dispatcher?: RunDispatcher, overrides: Partial<TestRunRoom> = {}, clock: Clock = new ManualClock()) {
  const broadcasts: TestRun[] = [];
  const recorded: TestRun[] = [];
  const room: TestRunRoom = {
    tenantId: randomUUID(),
    dojoId: randomUUID(),
    language: () => 'python',
    snapshot: () => ({ files: { 'test_a.py': 'def test_a():\n    pass\n' }, heads: ['h1'] }),
    broadcast: (run) => broadcasts.push(run),
    record: (_actor, run) => recorded.push({ ...run }),
    ...overrides,
  };
  const coordinator = new TestRunCoordinator(room, {
    dispatcher,
    clock,
    logger: createLogger('coordinator-test', 'silent'),
  });
  return { room, coordinator, broadcasts, recorded };
}

const ada = { userId: randomUUID(), name: 'Ada' };
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof CommandError ? error.code : String(error);
  }
  return 'none';
};

test('without a runner, Run is refused with runner_unavailable', (t) => {
  const { coordinator, broadcasts } = setup();
  t.is(
    code(() => coordinator.request(ada, true)),
    'runner_unavailable',
  );
  t.is(broadcasts.length, 0);
});

test('a dojo in a language without a runner is refused with runner_unavailable', (t) => {
  const { coordinator } = setup({ send: async () => {} }, { language: () => 'cobol' });
  t.is(
    code(() => coordinator.request(ada, true)),
    'runner_unavailable',
  );
});

test('a runner that cannot be reached ends the run amber (runner-error), recorded, and the next run can start', async (t) => {
  let sends = 0;
  const { coordinator, broadcasts, recorded } = setup({
    send: async () => {
      sends++;
      throw new Error('queue down');
    },
  });
  coordinator.request(ada, true);
  await new Promise((resolve) => setImmediate(resolve));
  const last = broadcasts.at(-1)!;
  t.is(last.status, 'done');
  t.is(last.colour, 'amber');
  t.is(last.reason, 'runner-error');
  t.regex(last.summary, /could not be reached/);
  t.is(recorded.length, 1);
  coordinator.request(ada, true);
  await new Promise((resolve) => setImmediate(resolve));
  t.is(sends, 2);
});

test('a run the runner never answers ends amber after the timeout; a queued run then starts', (t) => {
  const clock = new ManualClock();
  const sent: RunRequest[] = [];
  const { coordinator, broadcasts } = setup({ send: async (request) => void sent.push(request) }, {}, clock);
  const first = coordinator.request(ada, true);
  const queued = coordinator.request({ userId: randomUUID(), name: 'Bob' }, true);
  t.not(queued.runId, first.runId);
  t.is(queued.status, 'queued');
  t.is(sent.length, 1);
  clock.advance(59_000);
  t.is(broadcasts.filter((run) => run.status === 'done').length, 0);
  clock.advance(1_000);
  const done = broadcasts.find((run) => run.status === 'done')!;
  t.like(done, { runId: first.runId, colour: 'amber', reason: 'runner-error' });
  t.regex(done.summary, /did not answer/);
  t.is(sent.length, 2, 'the queued run started');
  t.is(sent[1]!.runId, queued.runId);
});

test('the request carries the snapshot, ids and language; a matching result finishes the run', (t) => {
  const sent: RunRequest[] = [];
  const { room, coordinator, broadcasts } = setup({ send: async (request) => void sent.push(request) });
  const run = coordinator.request(ada, true);
  t.is(sent.length, 1);
  t.like(sent[0], { runId: run.runId, tenantId: room.tenantId, dojoId: room.dojoId, language: 'python' });
  t.deepEqual(Object.keys(sent[0]!.files), ['test_a.py']);
  t.deepEqual(run.heads, ['h1']);
  const result = {
    runId: run.runId,
    tenantId: room.tenantId,
    dojoId: room.dojoId,
    language: 'python' as const,
    colour: 'green' as const,
    summary: '1 passed',
    failingTests: [],
    output: '',
    outputTruncated: false,
    durationMs: 5,
    finishedAt: new Date().toISOString(),
  };
  t.false(coordinator.receive({ ...result, runId: randomUUID() }), 'another run id');
  t.false(coordinator.receive({ ...result, dojoId: randomUUID() }), 'another dojo');
  t.true(coordinator.receive(result));
  t.false(coordinator.receive(result), 'a repeated delivery');
  t.like(broadcasts.at(-1), { status: 'done', colour: 'green', summary: '1 passed' });
  coordinator.dispose();
});
