import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { rolldown } from 'rolldown';

/**
 * k6 cannot be installed here, so every k6 script is bundled (rolldown, k6's
 * own modules left external, as k6 resolves them) to prove that it parses and
 * that its imports resolve; the entry script is then run through its init
 * stage with stand-ins for k6's modules (a unit test's fakes: no k6 API is
 * exercised), to check the options k6 would read, and its handleSummary.
 */
const k6Dir = join(import.meta.dirname, '..', 'k6');
const isK6Module = (id: string) => id === 'k6' || id.startsWith('k6/');

async function scripts(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'data') out.push(...(await scripts(join(dir, entry.name))));
    else if (entry.isFile() && entry.name.endsWith('.js')) out.push(join(dir, entry.name));
  }
  return out;
}

async function bundle(input: string, format: 'esm' | 'cjs'): Promise<string> {
  const build = await rolldown({ input, external: isK6Module, logLevel: 'silent' });
  try {
    const { output } = await build.generate({ format });
    return output[0].code;
  } finally {
    await build.close();
  }
}

test('every k6 script bundles: it parses and every import resolves', async (t) => {
  const all = await scripts(k6Dir);
  t.true(all.some((file) => file.endsWith('load.js')));
  for (const file of all) {
    const code = await bundle(file, 'esm');
    t.true(code.length > 0, file);
  }
});

/** The prepared data a tiny run would have: 2 tenants, 3 dojos of 3 clients. */
const fixture: Record<string, string> = {
  'config.json': JSON.stringify({
    platformUrl: 'http://127.0.0.1:1',
    clients: 3,
    keysPerSecond: 5,
    cursorsPerSecond: 2,
    seconds: 30,
    rampSeconds: 20,
    platformRate: 4,
  }),
  'tenants.json': JSON.stringify([
    { slug: 'a', members: [{ email: 'a@x', refreshToken: 'r1' }] },
    { slug: 'b', members: [{ email: 'b@x', refreshToken: 'r2' }] },
  ]),
  'dojos.json': JSON.stringify([0, 1, 2].map((i) => ({ id: `d${i}`, tenant: i % 2, file: 'main.ts', changes: [] }))),
};

/** Runs load.js's init stage as k6 would, with stand-in k6 modules; returns its exports. */
async function initLoadScript(env: Record<string, string>) {
  const code = await bundle(join(k6Dir, 'load.js'), 'cjs');
  const sharedArrays: string[] = [];
  class Metric {
    add() {}
  }
  const k6Modules: Record<string, unknown> = {
    k6: { check: () => true, sleep: () => {} },
    'k6/data': {
      SharedArray: class {
        constructor(name: string, make: () => unknown[]) {
          sharedArrays.push(name);
          // biome-ignore lint/correctness/noConstructorReturn: SharedArray hands back the array itself.
          return make();
        }
      },
    },
    'k6/encoding': { default: { b64decode: () => new ArrayBuffer(0) } },
    'k6/execution': { default: { scenario: { iterationInTest: 0 } } },
    'k6/http': { default: {} },
    'k6/metrics': { Counter: Metric, Rate: Metric, Trend: Metric },
    'k6/timers': { setTimeout, clearTimeout, setInterval, clearInterval },
    'k6/websockets': { WebSocket: class {} },
  };
  const opened: string[] = [];
  const open = (path: string) => {
    opened.push(path);
    const name = path.split('/').pop()!;
    if (!(name in fixture)) throw new Error(`open(${path}): no such fixture`);
    return fixture[name];
  };
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string) => {
    if (!(id in k6Modules)) throw new Error(`the script requires ${id}, which is not a k6 module`);
    return k6Modules[id];
  };
  new Function('require', 'module', 'exports', 'open', '__ENV', code)(require, module, module.exports, open, env);
  return { exports: module.exports, sharedArrays, opened };
}

test('load.js: both scenarios, ramping, tagged, with thresholds on latency, joins, errors and checks', async (t) => {
  const { exports, sharedArrays, opened } = await initLoadScript({});
  // The large files are read through SharedArray (once for all VUs); config.json is the only plain read.
  t.deepEqual(sharedArrays.sort(), ['dojos', 'tenants']);
  t.deepEqual(
    opened.filter((path) => !path.endsWith('dojos.json') && !path.endsWith('tenants.json')),
    ['./data/config.json'],
  );
  const options = exports.options as {
    scenarios: Record<string, { executor: string; exec: string; tags: { kind: string }; stages?: unknown[] }>;
    thresholds: Record<string, string[]>;
  };
  t.deepEqual(Object.keys(options.scenarios).sort(), ['dojo', 'platform', 'signups']);
  t.is(options.scenarios.dojo!.executor, 'ramping-vus');
  t.is(options.scenarios.platform!.executor, 'ramping-arrival-rate');
  t.deepEqual((options.scenarios.dojo!.stages as Array<{ target: number }>).at(-1)!.target, 9);
  for (const [name, scenario] of Object.entries(options.scenarios)) {
    t.is(typeof exports[scenario.exec], 'function', `${name} runs an exported function`);
    t.truthy(scenario.tags.kind, `${name} is tagged`);
  }
  t.deepEqual(options.thresholds.dojo_keystroke_to_peer, ['p(99)<100', 'p(95)<50']);
  for (const metric of ['dojo_join_success', 'dojo_server_errors', 'dojo_keystrokes_missing', 'checks{kind:dojo}']) {
    t.truthy(options.thresholds[metric], metric);
  }
  t.truthy(options.thresholds['http_req_failed{kind:platform}']);
  t.is(typeof exports.setup, 'function');
});

test('load.js: SCENARIOS picks the scenarios, and handleSummary writes JSON and text', async (t) => {
  const { exports } = await initLoadScript({ SCENARIOS: 'dojo', SUMMARY_PREFIX: 'out/run1' });
  const options = exports.options as { scenarios: object; thresholds: object };
  t.deepEqual(Object.keys(options.scenarios), ['dojo']);
  t.false(Object.keys(options.thresholds).some((name) => name.includes('platform')));
  const data = {
    state: { testRunDurationMs: 61_000 },
    metrics: {
      dojo_keystroke_to_peer: {
        type: 'trend',
        contains: 'time',
        values: { avg: 12, min: 1, med: 9, max: 140, 'p(90)': 20, 'p(95)': 31, 'p(99)': 120 },
        thresholds: { 'p(99)<100': { ok: false } },
      },
      dojo_join_success: {
        type: 'rate',
        values: { rate: 1, passes: 9, fails: 0 },
        thresholds: { 'rate>0.99': { ok: true } },
      },
    },
    root_group: { checks: [{ name: 'dojo: no server error', passes: 9, fails: 0 }], groups: [] },
  };
  const outputs = (exports.handleSummary as (d: unknown) => Record<string, string>)(data);
  t.deepEqual(Object.keys(outputs).sort(), ['out/run1.json', 'out/run1.txt', 'stdout']);
  t.deepEqual(JSON.parse(outputs['out/run1.json']!), data);
  t.is(outputs.stdout, outputs['out/run1.txt']);
  t.regex(outputs.stdout!, /thresholds: SOME FAILED/);
  t.regex(outputs.stdout!, /dojo_keystroke_to_peer .*p\(99\)=120\.0 ms/);
  t.regex(outputs.stdout!, /✗ p\(99\)<100/);
  t.regex(outputs.stdout!, /✓ dojo: no server error: 9\/9/);
});
