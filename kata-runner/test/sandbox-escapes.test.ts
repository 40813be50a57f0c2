import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import test from 'ava';
import { fizzbuzz } from './support/fizzbuzz-files.ts';
import { hostTestRunner, request } from './support/test-runner-fixture.ts';

/**
 * Hostile kata code: each attempt ends amber with its own reason, leaves no process and no file behind, and
 * the same runner answers the next, honest run green. Short wall limit so the timeout case stays quick.
 */
const { runner, firstUid } = await hostTestRunner({
  wallMs: 6000,
  cpuSeconds: 4,
  memoryBytes: 256 * 1024 * 1024,
  processes: 64,
});

const pythonTest = (body: string) => ({
  'test_hostile.py': `import os, socket, sys\n\n\ndef test_hostile():\n${body
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`,
});

async function leftoverProcesses(): Promise<string> {
  // ps exits 1 when no process matches.
  const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=,uid=,comm=', '-U', String(firstUid)]).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return stdout.trim();
}

async function assertHealthyAfter(t: import('ava').ExecutionContext): Promise<void> {
  t.is(await leftoverProcesses(), '', 'a process of the run survived it');
  const green = await runner.run(request('python', { ...fizzbuzz.python.tests, ...fizzbuzz.python.green }));
  t.is(green.colour, 'green', green.output);
}

test.serial('a fork bomb is amber: process limit, and every process is gone', async (t) => {
  const result = await runner.run(request('python', pythonTest('while True:\n    os.fork()')));
  t.is(result.colour, 'amber', result.output);
  t.is(result.reason, 'process-limit');
  t.regex(result.summary, /process limit of 64 reached/);
  await assertHealthyAfter(t);
});

test.serial('an endless loop is amber: timeout', async (t) => {
  const started = Date.now();
  const result = await runner.run(request('python', pythonTest('while True:\n    pass')));
  t.is(result.colour, 'amber', result.output);
  t.true(['timeout', 'cpu-limit'].includes(result.reason ?? ''), result.reason);
  t.regex(result.summary, /timed out after 6 s|CPU time limit of 4 s/);
  t.true(Date.now() - started < 20_000);
  await assertHealthyAfter(t);
});

test.serial('a 10 GB allocation is amber: memory limit', async (t) => {
  const result = await runner.run(
    request('python', pythonTest('data = b"x" * (10 * 1024 ** 3)\nassert len(data) > 0')),
  );
  t.is(result.colour, 'amber', result.output);
  t.is(result.reason, 'memory-limit');
  t.regex(result.summary, /memory limit/);
  await assertHealthyAfter(t);
});

test.serial('a write outside the work directory is amber: refused, and nothing is written on the host', async (t) => {
  const target = `/usr/local/pocdojo-escape-${process.pid}`;
  for (const path of [target, `/pocdojo-escape-${process.pid}`]) {
    const result = await runner.run(request('python', pythonTest(`open(${JSON.stringify(path)}, "w").write("pwned")`)));
    t.is(result.colour, 'amber', result.output);
    t.is(result.reason, 'write-refused', result.output);
    t.regex(result.summary, /write outside its work directory/);
    t.false(existsSync(path));
  }
  await assertHealthyAfter(t);
});

test.serial(
  'a network call is amber: refused (no network device, no resolver, not even the host loopback)',
  async (t) => {
    const lookup = await runner.run(request('python', pythonTest('socket.getaddrinfo("pypi.org", 443)')));
    t.is(lookup.colour, 'amber', lookup.output);
    t.is(lookup.reason, 'network-refused');
    t.regex(lookup.summary, /reach the network/);
    // The host's own Postgres listens on 127.0.0.1:5432; the sandbox's loopback is its own and empty.
    const loopback = await runner.run(
      request('python', pythonTest('socket.create_connection(("127.0.0.1", 5432), timeout=2)')),
    );
    t.is(loopback.colour, 'amber', loopback.output);
    t.is(loopback.reason, 'network-refused');
    await assertHealthyAfter(t);
  },
);

test.serial('output beyond the cap is cut and amber; a huge file is amber', async (t) => {
  const flood = await runner.run(request('python', pythonTest('while True:\n    print("x" * 1000)')));
  t.is(flood.colour, 'amber');
  t.is(flood.reason, 'output-limit');
  t.true(flood.outputTruncated);
  t.true(Buffer.byteLength(flood.output) < 20 * 1024);
  const big = await runner.run(request('python', pythonTest('open("big", "wb").write(b"x" * (64 * 1024 * 1024))')));
  t.is(big.colour, 'amber', big.output);
  t.true(['file-size-limit', 'memory-limit'].includes(big.reason ?? ''), big.reason);
  await assertHealthyAfter(t);
});

test.serial('the run cannot see the host: its files, its processes, its environment', async (t) => {
  process.env.KATA_RUNNER_TEST_SECRET = 'host-secret';
  const result = await runner.run(
    request(
      'python',
      pythonTest(
        [
          'assert not os.path.exists("/root")',
          'assert not os.path.exists("/home")',
          'assert "KATA_RUNNER_TEST_SECRET" not in os.environ',
          'assert os.getuid() != 0',
          // Its own PID namespace: only the sandbox's processes.
          'assert len([p for p in os.listdir("/proc") if p.isdigit()]) < 10',
        ].join('\n'),
      ),
    ),
  );
  t.is(result.colour, 'green', result.output);
});

test.serial('a Go fork bomb and a Node endless loop end amber too', async (t) => {
  if (runner.languages.includes('go')) {
    const go = await runner.run(
      request('go', {
        'bomb_test.go': `package bomb\n\nimport (\n\t"os/exec"\n\t"testing"\n)\n\nfunc TestBomb(t *testing.T) {\n\tfor {\n\t\tgo exec.Command("/opt/go/bin/go", "version").Run()\n\t}\n}\n`,
      }),
    );
    t.is(go.colour, 'amber', go.output);
    // Which ceiling a Go fork bomb reaches first depends on timing; each one is a clear amber.
    t.true(['process-limit', 'timeout', 'memory-limit', 'output-limit'].includes(go.reason ?? ''), go.reason);
  }
  const node = await runner.run(
    request('typescript', {
      'loop.test.ts': `import { test } from 'node:test';\ntest('forever', () => {\n  for (;;) {}\n});\n`,
    }),
  );
  t.is(node.colour, 'amber', node.output);
  t.true(['timeout', 'cpu-limit'].includes(node.reason ?? ''), node.reason);
  t.is(await leftoverProcesses(), '');
});

test.after.always('no cgroup of a run is left', async (t) => {
  const left = await readdir('/sys/fs/cgroup/pids').catch(() => []);
  t.deepEqual(
    left.filter((name) => name.startsWith('kata-run-')),
    [],
  );
});
