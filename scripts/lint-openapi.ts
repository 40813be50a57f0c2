/**
 * `npm run lint`: docs/openapi.json against Redocly's recommended rules (redocly.yaml), failing on any
 * warning too, so that client generators get operation ids, explicit 4xx answers and valid schemas.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', 'docs/openapi.json', '--format=json'],
  { cwd: root, encoding: 'utf8' },
);
if (run.error || !run.stdout) {
  console.error(`redocly did not run: ${run.error?.message ?? run.stderr}`);
  process.exit(1);
}
const report = JSON.parse(run.stdout) as {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
};
for (const problem of report.problems) {
  console.error(
    `docs/openapi.json ${problem.location[0]?.pointer ?? ''}: ${problem.severity} ${problem.ruleId}: ${problem.message}`,
  );
}
const { errors, warnings } = report.totals;
if (errors + warnings > 0) {
  console.error(`${errors} error(s) and ${warnings} warning(s) in docs/openapi.json`);
  process.exit(1);
}
console.log('openapi: valid, no warnings');
