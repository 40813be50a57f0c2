/**
 * `npm run fuzz`: every property-based fuzz suite of the monorepo with a large
 * budget. A suite is any test file named `*.fuzz.test.ts` (the suites also run
 * in `npm test`, with a small budget): add one and it is picked up here.
 *
 *   FUZZ_RUNS=20000 FUZZ_SEED=42 npm run fuzz [-- <ava arguments>]
 *
 * FUZZ_RUNS defaults to 5,000 runs per property, FUZZ_SEED to a new random
 * seed; both are printed, and each suite prints its figures (runs, seed, time,
 * failures). Re-run with the printed seed to reproduce.
 */
import { spawn } from 'node:child_process';
import { globSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const files = globSync('**/test/**/*.fuzz.test.ts', {
  cwd: root,
  exclude: (name) => name === 'node_modules' || name === '.data',
}).sort();
const runs = process.env.FUZZ_RUNS ?? '5000';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`[fuzz] ${files.length} suite(s), FUZZ_RUNS=${runs}, FUZZ_SEED=${seed}:\n  ${files.join('\n  ')}`);

const child = spawn(
  process.execPath,
  [join(root, 'scripts', 'test.ts'), '--timeout=4h', '--verbose', ...files, ...process.argv.slice(2)],
  { cwd: root, env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed }, stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
