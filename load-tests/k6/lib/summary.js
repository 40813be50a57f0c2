// The end-of-test summary of the load scenarios, in plain JavaScript with no imports: k6's
// handleSummary() calls it with k6's summary data, and the Node harness (src/load.ts) calls it with
// data of the same shape, so both print the very same report.
//
// data: { metrics: { [name]: { type: 'trend'|'counter'|'rate'|'gauge', contains?: 'time',
//         values: {...}, thresholds?: { [expression]: { ok: boolean } } } },
//         root_group?: { checks: [{ name, passes, fails }], groups: [...] },
//         state?: { testRunDurationMs }, options?: { ... } }

const TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

function fixed(value, digits) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function describe(metric) {
  const v = metric.values || {};
  const unit = metric.contains === 'time' ? ' ms' : '';
  if (metric.type === 'trend') {
    return TREND_STATS.filter((stat) => stat in v)
      .map((stat) => `${stat}=${fixed(v[stat], 1)}${unit}`)
      .join(' ');
  }
  if (metric.type === 'counter') return `count=${fixed(v.count, 0)} rate=${fixed(v.rate, 2)}/s`;
  if (metric.type === 'rate') {
    return `${fixed((v.rate || 0) * 100, 2)}% (${fixed(v.passes, 0)} of ${fixed((v.passes || 0) + (v.fails || 0), 0)})`;
  }
  return `value=${fixed(v.value, 2)} min=${fixed(v.min, 2)} max=${fixed(v.max, 2)}`;
}

function allChecks(group, out) {
  if (!group) return out;
  for (const check of group.checks || []) out.push(check);
  for (const child of group.groups || []) allChecks(child, out);
  return out;
}

/** True when every threshold of every metric passed. */
export function thresholdsPassed(data) {
  for (const metric of Object.values(data.metrics || {})) {
    for (const result of Object.values(metric.thresholds || {})) if (!result.ok) return false;
  }
  return true;
}

/**
 * A readable report: the scenario's own metrics first (dojo_*, platform_*), then the others,
 * each with its thresholds marked ✓ or ✗, then the checks.
 */
export function textSummary(data, title) {
  const lines = [];
  const duration = data.state?.testRunDurationMs;
  lines.push(`${title || 'load test'}${duration ? ` — ${fixed(duration / 1000, 1)} s` : ''}`);
  lines.push(`thresholds: ${thresholdsPassed(data) ? 'all passed' : 'SOME FAILED'}`);
  const names = Object.keys(data.metrics || {}).sort((a, b) => {
    const own = (name) => (/^(dojo|platform)_/.test(name) ? 0 : 1);
    return own(a) - own(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const width = Math.max(10, ...names.map((name) => name.length));
  for (const name of names) {
    const metric = data.metrics[name];
    lines.push(`  ${name.padEnd(width)}  ${describe(metric)}`);
    for (const [expression, result] of Object.entries(metric.thresholds || {})) {
      lines.push(`  ${''.padEnd(width)}    ${result.ok ? '✓' : '✗'} ${expression}`);
    }
  }
  const checks = allChecks(data.root_group, []);
  if (checks.length) {
    lines.push('checks:');
    for (const check of checks) {
      const total = check.passes + check.fails;
      lines.push(`  ${check.fails === 0 ? '✓' : '✗'} ${check.name}: ${check.passes}/${total}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What handleSummary returns: the text report on stdout, and both the JSON data and the text
 * written under `prefix` (e.g. `summary` → summary.json and summary.txt).
 */
export function summaryOutputs(data, title, prefix) {
  const text = textSummary(data, title);
  return { stdout: text, [`${prefix}.json`]: JSON.stringify(data, null, 2), [`${prefix}.txt`]: text };
}
