import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { countsSummary, firstLine, type TestReport, type Toolchain } from './toolchain.ts';

/** Errors that mean the code never ran: TypeScript syntax, a missing module or export. */
const compileError = /SyntaxError|ERR_INVALID_TYPESCRIPT_SYNTAX|ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX|ERR_MODULE_NOT_FOUND/;

/** node:test under the runner's own Node 24, which runs .ts by stripping types (as the starters expect). */
export function typescriptToolchain(nodePath = realpathSync(process.execPath)): Toolchain {
  return {
    language: 'typescript',
    mounts: [{ host: dirname(nodePath), at: '/opt/node/bin' }],
    env: { PATH: '/opt/node/bin:/usr/bin:/bin', NODE_OPTIONS: '--max-old-space-size=384', NO_COLOR: '1' },
    defaultFiles: () => ({}),
    script: 'exec /opt/node/bin/node --test --test-reporter=tap --test-isolation=none',
    report(output, exitCode) {
      const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      const failed = count('fail') + count('cancelled');
      const passed = count('pass');
      // TAP: a failing test at any depth is "not ok N - name"; a file-level failure names the file.
      const failingTests = [...output.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((match) => match[1]!.trim());
      if (compileError.test(output) && (failed > 0 || exitCode !== 0))
        return { verdict: 'broken', failingTests: [], summary: firstLine(output, compileError, 'does not compile') };
      if (exitCode === 0 && failed === 0)
        return passed ? { verdict: 'pass', failingTests: [], summary: countsSummary({ failed, passed }) } : noTests;
      return { verdict: 'fail', failingTests, summary: countsSummary({ failed: Math.max(failed, 1), passed }) };
    },
  };
}

const noTests: TestReport = {
  verdict: 'no-tests',
  failingTests: [],
  summary: 'no test found (name test files *.test.ts)',
};
