import { stripTypeScriptTypes } from 'node:module';
import test from 'ava';
import { builtinKatas } from '../../src/katas/builtin-katas.ts';
import { run, starterParts, startsGreen, writeStarters } from './support/starter-workspace.ts';

/** Counts from the summary that `node --test --test-reporter=tap` prints at the end. */
function tapSummary(output: string): Record<'tests' | 'pass' | 'fail' | 'todo', number> {
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  return { tests: count('tests'), pass: count('pass'), fail: count('fail'), todo: count('todo') };
}

test('TypeScript starters use only syntax that Node strips without transforming', (t) => {
  for (const kata of builtinKatas) {
    for (const [path, text] of Object.entries(kata.starters.typescript.files)) {
      // 'strip' mode throws on enums, parameter properties, namespaces… and on syntax errors.
      t.notThrows(() => stripTypeScriptTypes(text, { mode: 'strip' }), `${kata.id}/${path}`);
    }
  }
});

for (const kata of builtinKatas) {
  const expected = startsGreen(kata) ? 'green' : 'red';
  test.serial(`${kata.id}: the TypeScript starter runs under node --test and starts ${expected}`, async (t) => {
    const { tests } = starterParts(kata, 'typescript');
    const workspace = await writeStarters(kata, 'typescript');
    try {
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      delete env.NODE_OPTIONS;
      const result = await run(process.execPath, ['--test', '--test-reporter=tap', ...tests], {
        cwd: workspace.dir,
        env,
      });
      const output = result.stdout + result.stderr;
      const summary = tapSummary(output);
      // A file that fails to load shows up as one failed "test" named after the file: make sure the real tests ran.
      const reported = [...output.matchAll(/^(?:not )?ok \d+ - (.+?)(?: # .*)?$/gm)].map((match) => match[1]!);
      t.true(reported.length >= 1, output);
      for (const name of reported) t.false(name.endsWith('.ts'), `the test file itself failed:\n${output}`);
      t.false(/ERR_MODULE_NOT_FOUND|SyntaxError|ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX/.test(output), output);
      if (expected === 'green') {
        t.is(result.code, 0, output);
        t.true(summary.pass >= 1 && summary.fail === 0, output);
      } else {
        t.is(result.code, 1, output);
        t.true(summary.fail >= 1, output);
      }
    } finally {
      await workspace.remove();
    }
  });
}

test('the TypeScript test file imports the code file next to it', (t) => {
  for (const kata of builtinKatas) {
    const { code, tests } = starterParts(kata, 'typescript');
    const testText = kata.starters.typescript.files[tests[0]!]!;
    t.true(testText.includes(`from './${code[0]}'`), `${kata.id}: ${tests[0]} imports ./${code[0]}`);
  }
});
