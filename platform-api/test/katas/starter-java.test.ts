import { delimiter, join } from 'node:path';
import test from 'ava';
import { builtinKatas } from '../../src/katas/builtin-katas.ts';
import type { Kata } from '../../src/katas/kata.ts';
import { fetchJUnitWithMaven, findJUnitClasspath } from './support/junit-classpath.ts';
import { commandExists, run, starterParts, startsGreen, writeStarters } from './support/starter-workspace.ts';

interface JavaOutcome {
  compiled: boolean;
  diagnostics: string;
  /** Present when JUnit ran the tests. */
  found?: number;
  succeeded?: number;
  failed?: number;
  skipped?: number;
}

// A JDK is optional on a developer machine: without javac these checks are skipped, not failed.
const hasJdk = (await commandExists('javac', ['-version'])) && (await commandExists('java', ['-version']));
// JUnit comes from the local Maven repository, fetched there by Maven the first time.
const fetched = hasJdk && !findJUnitClasspath() ? fetchJUnitWithMaven() : undefined;
const junit = hasJdk ? findJUnitClasspath() : null;
// CI installs Maven (.ci/run): there the starters must run red/green, not only compile.
if (process.env.CI && hasJdk && !junit) {
  test('JUnit is available in CI', (t) => {
    t.fail(`no JUnit in ~/.m2 and Maven could not fetch it:\n${fetched?.output ?? 'mvn not run'}`);
  });
}
const checker = join(import.meta.dirname, 'support', 'JavaStarterCheck.java');

/**
 * With JUnit at hand, one JVM compiles and runs every kata (JavaStarterCheck);
 * without it, javac compiles each kata's code file on its own.
 */
async function checkAll(katas: readonly Kata[]): Promise<Map<string, JavaOutcome>> {
  const outcomes = new Map<string, JavaOutcome>();
  const workspaces = await Promise.all(katas.map(async (kata) => ({ kata, ...(await writeStarters(kata, 'java')) })));
  try {
    if (junit) {
      const result = await run('java', ['-cp', junit.join(delimiter), checker, ...workspaces.map((w) => w.dir)], {
        timeoutMs: 180_000,
      });
      const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'));
      for (const line of lines) {
        const { dir, ...outcome } = JSON.parse(line) as JavaOutcome & { dir: string };
        const workspace = workspaces.find((w) => w.dir === dir);
        if (workspace) outcomes.set(workspace.kata.id, outcome);
      }
      if (outcomes.size !== katas.length)
        throw new Error(`JavaStarterCheck failed:\n${result.stdout}\n${result.stderr}`);
    } else {
      for (const { kata, dir } of workspaces) {
        const sources = starterParts(kata, 'java').code.map((path) => join(dir, path));
        const result = await run('javac', ['-d', join(dir, 'target', 'classes'), '-proc:none', ...sources]);
        outcomes.set(kata.id, { compiled: result.code === 0, diagnostics: result.stdout + result.stderr });
      }
    }
  } finally {
    await Promise.all(workspaces.map((w) => w.remove()));
  }
  return outcomes;
}

let outcomes: Map<string, JavaOutcome> | undefined;
if (hasJdk) {
  test.before(async () => {
    outcomes = await checkAll(builtinKatas);
  });
}

for (const kata of builtinKatas) {
  const expected = startsGreen(kata) ? 'green' : 'red';
  const title = junit
    ? `${kata.id}: the Java starter compiles and its JUnit 5 tests start ${expected}`
    : `${kata.id}: the Java starter code compiles`;
  (hasJdk ? test : test.skip)(title, (t) => {
    const outcome = outcomes!.get(kata.id)!;
    t.true(outcome.compiled, outcome.diagnostics);
    if (!junit) return;
    t.true((outcome.found ?? 0) >= 1, 'JUnit found no test');
    if (expected === 'green') {
      t.is(outcome.failed, 0);
      t.true((outcome.succeeded ?? 0) >= 1);
    } else {
      t.true((outcome.failed ?? 0) >= 1);
    }
  });
}
