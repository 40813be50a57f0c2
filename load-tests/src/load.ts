/**
 * `npm run load -w load-tests -- [bench flags] [--tenants T] [--platform-rate P]`: the scenarios of
 * k6/load.js run from Node, ending with the same summary (k6/lib/summary.js) and the same thresholds
 * (k6/lib/thresholds.js), written to load-summary.{json,txt} as k6's handleSummary does.
 *
 * - dojo: N rooms × M clients over T tenants (each with its own members and tickets), joins spread
 *   over a ramp (`--join-concurrency`), K keystrokes/s per driver, C cursor moves/s per peer, the
 *   workload of `npm run bench -w dojo-engine` (full clients; `--light-clients` for engine capacity).
 *   Here it starts the engine process(es) and signs tickets itself; with PLATFORM_API_URL it signs T
 *   tenants up there, creates the dojos and gets every ticket from platform-api.
 * - platform: with PLATFORM_API_URL (e.g. the one `npm start` runs), P iterations/s over the same
 *   window, each a POC write and a typo search by a member of one of the tenants.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  benchCommand,
  DojoTarget,
  type DojoTargetOptions,
  lightKeystrokes,
  measure,
  parseBenchOptions,
  startLocalDojoEngines,
  type TargetReport,
} from '@pocdojo/dojo-engine/load';
import { misspell, pocName } from '../k6/lib/platform-words.js';
import type { SummaryData, SummaryMetric } from '../k6/lib/summary.js';
import { summaryOutputs } from '../k6/lib/summary.js';
import { dojoThresholds, evaluateThresholds, platformThresholds } from '../k6/lib/thresholds.js';
import { PlatformClient } from './platform-client.ts';

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

interface Checks {
  [name: string]: { passes: number; fails: number };
}

/** Splits our own flags from the benchmark's. */
function parseLoadOptions(argv: string[]) {
  const own = parseArgs({
    args: argv,
    options: { tenants: { type: 'string' }, 'platform-rate': { type: 'string' } },
    strict: false,
  }).values;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--tenants' || argv[i] === '--platform-rate') i++;
    else rest.push(argv[i]!);
  }
  const tenants = Number(own.tenants ?? 5);
  const platformRate = Number(own['platform-rate'] ?? 5);
  if (!Number.isInteger(tenants) || tenants < 1) throw new Error('--tenants must be a positive integer');
  if (!Number.isFinite(platformRate) || platformRate <= 0) throw new Error('--platform-rate must be positive');
  return { bench: parseBenchOptions(rest), tenants, platformRate };
}

/** T tenants signed up on platform-api, dojos round-robin over them, tickets from it. */
async function platformDojos(
  platformUrl: string,
  rooms: number,
  tenants: number,
): Promise<DojoTargetOptions & { owners: PlatformClient[] }> {
  const owners: PlatformClient[] = [];
  for (let t = 0; t < tenants; t++) {
    const owner = new PlatformClient(platformUrl);
    const account = await owner.signup();
    log(`signed up tenant ${account.tenant}`);
    owners.push(owner);
  }
  const dojoIds: string[] = [];
  for (let i = 0; i < rooms; i++) dojoIds.push(await owners[i % tenants]!.createDojo(`Load dojo ${i + 1}`));
  const probe = await owners[0]!.ticket(dojoIds[0]!);
  return {
    owners,
    urls: [probe.engineUrl],
    ticket: async (room) => (await owners[room % tenants]!.ticket(dojoIds[room]!)).ticket,
  };
}

/** The platform scenario for `seconds`: `rate` iterations/s, each a POC write then a typo search. */
async function platformScenario(owners: PlatformClient[], rate: number, seconds: number) {
  const writes: number[] = [];
  const searches: number[] = [];
  const checks: Checks = {
    'platform: POC created 201': { passes: 0, fails: 0 },
    'platform: typo search 200': { passes: 0, fails: 0 },
  };
  let requests = 0;
  let failed = 0;
  const timed = async (into: number[], check: string, call: () => Promise<unknown>) => {
    const start = performance.now();
    requests++;
    try {
      await call();
      checks[check]!.passes++;
    } catch {
      failed++;
      checks[check]!.fails++;
    }
    into.push(performance.now() - start);
  };
  const inFlight: Promise<void>[] = [];
  const end = performance.now() + seconds * 1000;
  for (let n = 0; performance.now() < end; n++) {
    const owner = owners[n % owners.length]!;
    const name = pocName(n);
    inFlight.push(
      (async () => {
        await timed(writes, 'platform: POC created 201', () => owner.createPoc(name, ['TypeScript']));
        await timed(searches, 'platform: typo search 200', () => owner.search(misspell(name)));
      })(),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
  }
  await Promise.all(inFlight);
  return { writes, searches, checks, requests, failed };
}

function trend(samples: number[]): SummaryMetric {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
  return {
    type: 'trend',
    contains: 'time',
    values: {
      avg: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
      min: sorted[0] ?? Number.NaN,
      med: at(50),
      max: sorted.at(-1) ?? Number.NaN,
      'p(90)': at(90),
      'p(95)': at(95),
      'p(99)': at(99),
    },
  };
}

const rateMetric = (passes: number, fails: number): SummaryMetric => ({
  type: 'rate',
  values: { rate: passes + fails ? passes / (passes + fails) : 0, passes, fails },
});

const counter = (count: number, seconds: number): SummaryMetric => ({
  type: 'counter',
  values: { count, rate: count / seconds },
});

/** The dojo report in k6's summary shape, with the k6 script's metric names. */
function dojoMetrics(
  report: TargetReport,
  rooms: number,
  clients: number,
): { metrics: Record<string, SummaryMetric>; checks: Checks } {
  const { result } = report;
  const seconds = result.windowSeconds;
  const latency = result.latency;
  const joined = rooms * clients - result.errors.joins * clients;
  const metrics: Record<string, SummaryMetric> = {
    dojo_keystroke_to_peer: {
      type: 'trend',
      contains: 'time',
      values: {
        avg: latency.mean,
        min: latency.min,
        med: latency.p50,
        max: latency.max,
        'p(90)': latency.p90,
        'p(95)': latency.p95,
        'p(99)': latency.p99,
      },
    },
    dojo_keystrokes_delivered: counter(latency.samples, seconds),
    dojo_keystrokes_missing: counter(result.missing, seconds),
    dojo_server_errors: counter(result.errors.server + result.errors.drops, seconds),
    dojo_join_success: rateMetric(joined, result.errors.joins * clients),
  };
  const checks: Checks = {
    'dojo: no server error': { passes: result.errors.server === 0 ? 1 : 0, fails: result.errors.server === 0 ? 0 : 1 },
    'dojo: every keystroke reached every peer': {
      passes: result.missing === 0 ? 1 : 0,
      fails: result.missing === 0 ? 0 : 1,
    },
  };
  return { metrics, checks };
}

/** k6's `checks{kind:…}` rate of a set of checks. */
function checksRate(checks: Checks): SummaryMetric {
  const all = Object.values(checks);
  return rateMetric(
    all.reduce((sum, check) => sum + check.passes, 0),
    all.reduce((sum, check) => sum + check.fails, 0),
  );
}

async function main(): Promise<void> {
  const { bench: options, tenants, platformRate } = parseLoadOptions(process.argv.slice(2));
  const platformUrl = process.env.PLATFORM_API_URL;
  log(
    `load: dojo ${options.rooms} rooms × ${options.clients} clients over ${tenants} tenants` +
      (platformUrl
        ? `, platform ${platformRate}/s against ${platformUrl}`
        : ', local engine (no PLATFORM_API_URL: no platform scenario)'),
  );
  const started = performance.now();
  const metrics: Record<string, SummaryMetric> = {};
  const allChecks: Array<{ name: string; passes: number; fails: number }> = [];
  let report: TargetReport;
  let platform: Awaited<ReturnType<typeof platformScenario>> | undefined;
  if (platformUrl) {
    const { owners, ...targetOptions } = await platformDojos(platformUrl, options.rooms, tenants);
    const target = new DojoTarget({ ...targetOptions, lightKeystrokes: lightKeystrokes(options) });
    let platformRun: Promise<typeof platform> | undefined;
    report = await measure('dojo (remote)', target, [], options, (line) => {
      log(line);
      // The platform scenario runs alongside, from the moment every dojo client has joined.
      if (line.includes('clients joined in') && !platformRun) {
        platformRun = platformScenario(owners, platformRate, options.warmupSeconds + options.seconds);
      }
    });
    platform = await platformRun;
  } else {
    const engines = await startLocalDojoEngines({ ...options, tenants, log });
    try {
      const target = new DojoTarget({ ...engines, lightKeystrokes: lightKeystrokes(options) });
      report = await measure('dojo (local)', target, engines.servers, options, log, engines);
    } finally {
      await engines.close();
    }
  }
  const dojo = dojoMetrics(report, options.rooms, options.clients);
  Object.assign(metrics, dojo.metrics, { 'checks{kind:dojo}': checksRate(dojo.checks) });
  for (const [name, check] of Object.entries(dojo.checks)) allChecks.push({ name, ...check });
  const thresholds: Record<string, string[]> = { ...dojoThresholds };
  if (platform) {
    Object.assign(metrics, {
      platform_poc_write: trend(platform.writes),
      platform_search: trend(platform.searches),
      'http_req_failed{kind:platform}': rateMetric(platform.failed, platform.requests - platform.failed),
      'checks{kind:platform}': checksRate(platform.checks),
    });
    for (const [name, check] of Object.entries(platform.checks)) allChecks.push({ name, ...check });
    Object.assign(thresholds, platformThresholds);
  }
  for (const [name, expressions] of Object.entries(thresholds)) {
    const metric = metrics[name];
    if (metric) metric.thresholds = evaluateThresholds(metric.values, expressions);
  }
  const data: SummaryData = {
    metrics,
    root_group: { checks: allChecks, groups: [] },
    state: { testRunDurationMs: performance.now() - started },
  };
  console.log(`$ ${benchCommand(options, 'npm run load -w load-tests --')} --tenants ${tenants}`);
  const outputs = summaryOutputs(data, 'PocDojo load test (Node harness)', 'load-summary');
  for (const [file, content] of Object.entries(outputs)) {
    if (file === 'stdout') process.stdout.write(content);
    else await writeFile(file, content);
  }
}

await main();
process.exit(0);
