import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { createApp } from '../src/pocdojo-app.ts';

// The slow test of the suite (CDK's bundled CloudFormation schemas and rules, ≈ 5–20 s): the others synthesize without it.
test('every template passes CDK built-in CloudFormation validation with no unacknowledged finding', (t) => {
  const outdir = mkdtempSync(join(tmpdir(), 'pocdojo-validated-'));
  t.teardown(() => rmSync(outdir, { recursive: true, force: true }));
  const { app } = createApp(defaultDeployment, { outdir, validate: true });
  // A validation error fails the synth itself (failSynthOnValidationErrors defaults to true).
  t.notThrows(() => app.synth());
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
  const findings = report.pluginReports.flatMap((r: { violations: { ruleName: string }[] }) =>
    r.violations.map((v) => v.ruleName),
  );
  t.deepEqual(findings, []);
});
