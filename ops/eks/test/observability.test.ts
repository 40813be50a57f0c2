import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { parseAllDocuments } from 'yaml';
import { dashboardFile, dashboards, grafanaJson } from '../../observability/dashboards.ts';

const repo = join(import.meta.dirname, '..', '..', '..');
const observability = join(repo, 'ops', 'observability');

function promtool(...args: string[]) {
  const run = spawnSync('promtool', args, { cwd: observability, encoding: 'utf8' });
  if (run.error)
    throw new Error(`promtool is missing (Debian's prometheus package; .ci/run installs it): ${run.error.message}`);
  return run;
}

/** Every metric name a PocDojo service registers, read from the sources (`name: '…'` of prom-client). */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const [, name] of readFileSync(path, 'utf8').matchAll(/name: '([a-z][a-z0-9_]*)'/g)) names.add(name!);
      }
    }
  };
  for (const service of [
    'common',
    'platform-api',
    'dojo-engine',
    'search-indexer',
    'media-worker',
    'notifier',
    'kata-runner',
  ]) {
    try {
      walk(join(repo, service, 'src'));
    } catch {
      // a service not in this checkout yet
    }
  }
  return names;
}

/** The metric names a PromQL expression reads (recording rules and external exporters aside). */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without)\s*\([^)]*\)/g, '');
  const words = withoutStrings.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\{|\[|\)|$|\s*[><=!]))/g) ?? [];
  const keywords = new Set(['by', 'sum', 'max', 'rate', 'histogram_quantile', 'and', 'or', 'le', 'without']);
  return words.filter((w) => !keywords.has(w) && !w.includes(':'));
}

const external = /^(up|aws_sqs_[a-z_]+)$/;

test('the alert rules are valid and their unit tests pass (promtool)', (t) => {
  const check = promtool('check', 'rules', 'alerts.yml');
  t.is(check.status, 0, check.stdout + check.stderr);
  const unit = promtool('test', 'rules', 'alerts.test.yml');
  t.is(unit.status, 0, unit.stdout + unit.stderr);
});

test('promtool really tests: an alert whose threshold moved fails its unit test', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pocdojo-alerts-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rules = readFileSync(join(observability, 'alerts.yml'), 'utf8');
  writeFileSync(
    join(dir, 'alerts.yml'),
    rules.replace(
      'outbox_oldest_pending_seconds{job="platform-api"}) > 60',
      'outbox_oldest_pending_seconds{job="platform-api"}) > 6000',
    ),
  );
  copyFileSync(join(observability, 'alerts.test.yml'), join(dir, 'alerts.test.yml'));
  const run = spawnSync('promtool', ['test', 'rules', 'alerts.test.yml'], { cwd: dir, encoding: 'utf8' });
  t.not(run.status, 0);
  t.regex(run.stdout + run.stderr, /OutboxStalled/);
});

test('every alert and dashboard query reads a metric that a service registers (or an exporter provides)', (t) => {
  const registered = registeredMetrics();
  const known = (name: string) =>
    external.test(name) || registered.has(name.replace(/_(bucket|count|sum)$/, '')) || registered.has(name);
  const exprs: string[] = [];
  for (const doc of parseAllDocuments(readFileSync(join(observability, 'alerts.yml'), 'utf8'))) {
    for (const group of (doc.toJSON() as any).groups) for (const rule of group.rules) exprs.push(rule.expr);
  }
  for (const dashboard of dashboards)
    for (const panel of dashboard.panels) exprs.push(...panel.queries.map((q) => q.expr));
  t.true(exprs.length > 20);
  for (const expr of exprs) {
    for (const name of metricsIn(expr)) t.true(known(name), `${name} (in ${expr}) is registered by no service`);
  }
  // The check is real: a misspelt metric is caught.
  t.false(known('dojo_persist_lagg_seconds_bucket'));
});

test('every dashboard query is valid PromQL (promtool, as recording rules)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pocdojo-dashboards-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rules = dashboards.flatMap((d) =>
    d.panels.flatMap((panel, i) =>
      panel.queries.map((q, j) => ({ record: `check:${d.uid.replace(/-/g, '_')}:${i}_${j}`, expr: q.expr })),
    ),
  );
  writeFileSync(join(dir, 'queries.yml'), JSON.stringify({ groups: [{ name: 'dashboards', rules }] }));
  const run = spawnSync('promtool', ['check', 'rules', 'queries.yml'], { cwd: dir, encoding: 'utf8' });
  t.is(run.status, 0, run.stdout + run.stderr);
});

test('the committed dashboards are what ops/observability/dashboards.ts writes', (t) => {
  for (const dashboard of dashboards) {
    const committed = JSON.parse(readFileSync(dashboardFile(dashboard), 'utf8'));
    t.deepEqual(
      committed,
      JSON.parse(JSON.stringify(grafanaJson(dashboard))),
      `${dashboard.uid}: run node ops/observability/dashboards.ts`,
    );
  }
});
