/**
 * `npm run lint` (after Biome): every CI/CD workflow under .github/workflows is checked against
 * GitHub's workflow schema (action-validator, which also checks glob patterns), since the workflow
 * cannot run on this machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';

const folder = join(import.meta.dirname, '..', '.github', 'workflows');
let problems = 0;
for (const file of readdirSync(folder).filter((name) => /\.ya?ml$/.test(name))) {
  const { errors } = validateWorkflow(readFileSync(join(folder, file), 'utf8'));
  for (const error of errors) {
    problems++;
    const where = 'path' in error ? error.path : `line ${error.location?.line ?? '?'}`;
    console.error(
      `${join('.github/workflows', file)}: ${where}: ${error.title}${error.detail ? ` — ${error.detail}` : ''}`,
    );
  }
}
if (problems > 0) {
  console.error(`${problems} problem(s) in the workflows`);
  process.exit(1);
}
console.log('workflows: valid');
