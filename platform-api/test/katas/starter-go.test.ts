import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { builtinKatas } from '../../src/katas/builtin-katas.ts';
import { commandExists, run, startsGreen, writeStarters } from './support/starter-workspace.ts';

// Go is optional on a developer machine (and absent from the default image): without it these checks are skipped.
// With no file argument gofmt reads standard input, which is empty here: a quick probe that it runs.
const hasGofmt = await commandExists('gofmt', ['-l']);
const hasGo = await commandExists('go', ['version']);
// Never reach for a module proxy or a newer toolchain: the starters use the standard library only.
// Go needs a build cache and a GOPATH; where HOME gives none (a bare CI environment), use the temp dir.
const env = {
  ...process.env,
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  GOTOOLCHAIN: 'local',
  GOWORK: 'off',
  GOCACHE: process.env.GOCACHE ?? (process.env.HOME ? undefined : join(tmpdir(), 'pocdojo-go-cache')),
  GOPATH: process.env.GOPATH ?? (process.env.HOME ? undefined : join(tmpdir(), 'pocdojo-go-path')),
};

for (const kata of builtinKatas) {
  (hasGofmt ? test.serial : test.skip)(`${kata.id}: the Go starter files parse and are gofmt-formatted`, async (t) => {
    const workspace = await writeStarters(kata, 'go');
    try {
      const paths = Object.keys(kata.starters.go.files).map((path) => join(workspace.dir, path));
      // -e reports every syntax error; -l lists the files whose formatting gofmt would change.
      const result = await run('gofmt', ['-l', '-e', ...paths]);
      t.is(result.code, 0, result.stderr);
      t.is(result.stdout + result.stderr, '', 'gofmt reports errors or files it would reformat');
    } finally {
      await workspace.remove();
    }
  });

  const expected = startsGreen(kata) ? 'green' : 'red';
  (hasGo ? test.serial : test.skip)(
    `${kata.id}: the Go starter runs under go test and starts ${expected}`,
    async (t) => {
      const workspace = await writeStarters(kata, 'go');
      try {
        // The starters are one package; the dojo's participants bring their own module file, so does this check.
        await writeFile(join(workspace.dir, 'go.mod'), 'module example.com/kata\n\ngo 1.19\n');
        const result = await run('go', ['test', '-count=1', './...'], { cwd: workspace.dir, env, timeoutMs: 120_000 });
        const output = result.stdout + result.stderr;
        t.false(/\[(build|setup) failed\]|cannot find|undefined:/.test(output), output);
        if (expected === 'green') {
          t.is(result.code, 0, output);
          t.regex(output, /^ok\s/m);
        } else {
          t.is(result.code, 1, output);
          t.regex(output, /--- FAIL|panic: not implemented/);
        }
      } finally {
        await workspace.remove();
      }
    },
  );
}
