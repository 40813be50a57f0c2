import { countsSummary, firstLine, type TestReport, type Toolchain } from './toolchain.ts';

/** Where the Python that has pytest lives: its installation prefix (mounted read-only) and executable. */
export interface PythonInstall {
  prefix: string;
  executable: string;
  /** Where pytest is installed (site-packages), on the host. */
  sitePackages: string;
}

/** pytest, as the Python starters use it; no cache directory, no bytecode files, no colours. */
export function pythonToolchain(install: PythonInstall): Toolchain {
  // A Python under /usr is already there; another one (pyenv, a venv's base) is mounted at /opt/python.
  const inUsr = install.prefix === '/usr';
  const executable = inUsr ? install.executable : `/opt/python${install.executable.slice(install.prefix.length)}`;
  const bin = executable.slice(0, executable.lastIndexOf('/'));
  const relocate = (path: string) =>
    inUsr || !path.startsWith(install.prefix) ? path : `/opt/python${path.slice(install.prefix.length)}`;
  return {
    language: 'python',
    mounts: inUsr ? [] : [{ host: install.prefix, at: '/opt/python' }],
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      // A relocated Python does not find its own site-packages: name it.
      PYTHONPATH: relocate(install.sitePackages),
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONHASHSEED: '0',
    },
    defaultFiles: () => ({}),
    script: `exec '${executable}' -m pytest -q -rfE -p no:cacheprovider --color=no --no-header`,
    report(output, exitCode): TestReport {
      const count = (name: string) => Number(new RegExp(`(\\d+) ${name}\\b`).exec(lastSummary(output))?.[1] ?? 0);
      const failingTests = [...output.matchAll(/^FAILED (\S+)/gm)].map((match) => match[1]!);
      // 2: collection failed (a syntax or import error), 3/4: pytest itself could not run, 5: no test collected.
      if (exitCode === 5)
        return { verdict: 'no-tests', failingTests: [], summary: 'no test found (name test files test_*.py)' };
      if (exitCode === 0)
        return { verdict: 'pass', failingTests: [], summary: countsSummary({ failed: 0, passed: count('passed') }) };
      if (exitCode === 1 && !lastSummary(output))
        return { verdict: 'broken', failingTests: [], summary: firstLine(output, /Error/, 'pytest did not run') };
      if (exitCode === 1)
        return {
          verdict: 'fail',
          failingTests,
          summary: countsSummary({ failed: count('failed'), passed: count('passed') }),
        };
      return {
        verdict: 'broken',
        failingTests: [],
        summary: firstLine(output, /Error|error/, 'the tests could not be collected'),
      };
    },
  };
}

/** pytest's closing line, e.g. "1 failed, 2 passed in 0.03s". */
function lastSummary(output: string): string {
  return (
    output
      .split('\n')
      .filter((line) => / in [\d.]+s/.test(line))
      .at(-1) ?? ''
  );
}
