import { join } from 'node:path';
import test from 'ava';
import { builtinKatas } from '../../src/katas/builtin-katas.ts';
import { commandExists, run, startsGreen, writeStarters } from './support/starter-workspace.ts';

// Python and pytest are optional on a developer machine: without Python these checks are skipped,
// without pytest they shrink to a syntax check.
const hasPython = await commandExists('python3');
const hasPytest = hasPython && (await run('python3', ['-c', 'import pytest'])).code === 0;
// Third-party pytest plugins installed on the machine have nothing to do with the starters and slow start-up.
const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' };

for (const kata of builtinKatas) {
  const expected = startsGreen(kata) ? 'green' : 'red';
  const title = hasPytest
    ? `${kata.id}: the Python starter runs under pytest and starts ${expected}`
    : `${kata.id}: the Python starter files compile`;
  (hasPython ? test.serial : test.skip)(title, async (t) => {
    const workspace = await writeStarters(kata, 'python');
    try {
      if (!hasPytest) {
        const paths = Object.keys(kata.starters.python.files).map((path) => join(workspace.dir, path));
        const result = await run('python3', ['-m', 'py_compile', ...paths], { env });
        t.is(result.code, 0, result.stderr);
        return;
      }
      const result = await run(
        'python3',
        ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '--rootdir', workspace.dir, workspace.dir],
        { cwd: workspace.dir, env },
      );
      const output = result.stdout + result.stderr;
      // pytest exits 0 when every test passed and 1 when some failed; 2 (collection or syntax error),
      // 4 (usage) and 5 (no tests) mean the tests never ran.
      if (expected === 'green') {
        t.is(result.code, 0, output);
        t.regex(output, /\d+ passed/);
      } else {
        t.is(result.code, 1, output);
        t.regex(output, /\d+ failed/);
      }
    } finally {
      await workspace.remove();
    }
  });
}
