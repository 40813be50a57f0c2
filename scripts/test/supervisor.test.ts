import test from 'ava';
import { Supervisor } from '../supervisor.ts';

const policy = { initialDelayMs: 100, maxDelayMs: 200, stableAfterMs: 60_000, maxCrashes: 4, windowMs: 60_000 };

test('a crashing process is restarted with a doubling delay, then reported as a crash loop', async (t) => {
  const lines: string[] = [];
  let starts = 0;
  const gaveUp = new Promise<string>((resolve) => {
    const supervisor = new Supervisor(
      {
        name: 'flaky',
        command: process.execPath,
        args: ['-e', 'process.exit(3)'],
        cwd: process.cwd(),
        env: process.env,
      },
      { say: (line) => lines.push(line), started: () => starts++, crashLoop: resolve },
      policy,
    );
    supervisor.start();
  });
  t.is(await gaveUp, 'flaky');
  t.is(starts, 4);
  t.deepEqual(lines, [
    'flaky exited (code 3); restarting in 0.1 s (restart 1 of 3 allowed in 60 s)',
    'flaky exited (code 3); restarting in 0.2 s (restart 2 of 3 allowed in 60 s)',
    'flaky exited (code 3); restarting in 0.2 s (restart 3 of 3 allowed in 60 s)',
    'flaky exited (code 3), 4 crashes in 60 s: giving up',
  ]);
});

test('a process killed from outside comes back; one stopped by the supervisor does not', async (t) => {
  const started: number[] = [];
  let next: (pid: number) => void = () => {};
  const supervisor = new Supervisor(
    {
      name: 'server',
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)'],
      cwd: process.cwd(),
      env: process.env,
    },
    {
      say: () => {},
      started: (child) => {
        started.push(child.pid!);
        next(child.pid!);
      },
      crashLoop: () => t.fail('no crash loop'),
    },
    policy,
  );
  const restarted = new Promise<number>((resolve) => {
    next = (pid) => {
      if (started.length === 2) resolve(pid);
    };
  });
  supervisor.start();
  process.kill(started[0]!, 'SIGKILL');
  const second = await restarted;
  t.not(second, started[0]);
  await supervisor.stop();
  t.throws(() => process.kill(second, 0), { code: 'ESRCH' });
  t.is(supervisor.pid, undefined, 'no process left after stop()');
});
