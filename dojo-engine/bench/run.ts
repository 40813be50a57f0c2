/**
 * `npm run bench -w dojo-engine -- [flags]`: the dojo engine against the
 * Hocuspocus 4 + Yjs peer, same workload, same run (see lib/options.ts).
 * Servers run in child processes; this process is the load generator.
 */
import { join } from 'node:path';
import { freePort } from '@pocdojo/common/dev/ports';
import { grantExistingTables } from '@pocdojo/common/dev/postgres-admin';
import pg from 'pg';
import { openBenchDatabase } from './lib/bench-database.ts';
import { DojoTarget } from './lib/dojo-target.ts';
import { HocuspocusTarget } from './lib/hocuspocus-target.ts';
import { startLocalDojoEngines } from './lib/local-dojo-engines.ts';
import { measure } from './lib/measure.ts';
import { type BenchOptions, benchCommand, lightKeystrokes, parseBenchOptions } from './lib/options.ts';
import { printReport, type TargetReport } from './lib/report.ts';
import { scaleTargets } from './lib/scale-targets.ts';
import { startServerChild } from './lib/server-child.ts';

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

async function dojoReport(options: BenchOptions, env?: Record<string, string>): Promise<TargetReport> {
  const engines = await startLocalDojoEngines({ ...options, env, log });
  const target = new DojoTarget({ ...engines, lightKeystrokes: lightKeystrokes(options) });
  try {
    const base = options.processes === 2 ? 'dojo ×2 (Redis)' : 'dojo';
    const label = env ? `${base} ${Object.entries(env).map(([name, value]) => `${name}=${value}`)}` : base;
    return await measure(label, target, engines.servers, options, log, engines);
  } finally {
    await engines.close();
  }
}

/** Where the Hocuspocus server persists its documents (through @hocuspocus/extension-database). */
const HOCUSPOCUS_SCHEMA = 'create table hocuspocus_documents (name text primary key, data bytea not null)';

async function hocuspocusReport(options: BenchOptions): Promise<TargetReport> {
  const database = await openBenchDatabase({ prefix: 'bench_hocuspocus', adminUrl: options.databaseUrl, log });
  try {
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query(HOCUSPOCUS_SCHEMA).finally(() => owner.end());
    await grantExistingTables(database.ownerUrl, 'bench_hocuspocus_app');
    const server = await startServerChild(
      join(import.meta.dirname, 'servers', 'hocuspocus-server.ts'),
      { PORT: String(await freePort()), DATABASE_URL: database.appUrl },
      'hocuspocus',
    );
    try {
      const target = new HocuspocusTarget(`ws://127.0.0.1:${server.port}`);
      return await measure('hocuspocus', target, [server], options, log, { postgres: database.cpu });
    } finally {
      await server.stop();
    }
  } finally {
    await database.close();
  }
}

/** p99 bound of the knee: the largest N with p99 ≤ this, errors 0. */
const KNEE_P99_MS = 100;

const healthy = (report: TargetReport) =>
  report.result.latency.p99 <= KNEE_P99_MS &&
  report.result.missing === 0 &&
  Object.values(report.result.errors).every((count) => count === 0);

/**
 * Steps through the room counts; the knee of a target is the largest N it
 * passed. A target stops being measured after two failing steps in a row (one
 * failure may be noise from whatever else runs on the machine).
 */
async function kneeScan(options: BenchOptions, steps: number[]): Promise<void> {
  const knee = new Map<string, number>();
  const failures = new Map<string, number>();
  const failed = { has: (target: string) => (failures.get(target) ?? 0) >= 2 };
  const rows: string[] = [];
  for (const rooms of steps) {
    const step = { ...options, rooms };
    const reports: TargetReport[] = [];
    if (options.targets.includes('dojo') && !failed.has('dojo')) reports.push(await dojoReport(step));
    if (options.targets.includes('hocuspocus') && !failed.has('hocuspocus')) reports.push(await hocuspocusReport(step));
    if (reports.length === 0) break;
    console.log('');
    printReport(benchCommand(step), reports);
    for (const report of reports) {
      const target = report.result.target;
      if (healthy(report)) {
        knee.set(target, rooms);
        failures.set(target, 0);
      } else failures.set(target, (failures.get(target) ?? 0) + 1);
      rows.push(
        `${String(rooms).padStart(6)} × ${options.clients}  ${report.label.padEnd(16)} p99 ${report.result.latency.p99.toFixed(1).padStart(8)} ms  ` +
          `CPU ${((report.cpuMs / (report.result.windowSeconds * 1000)) * 100).toFixed(0).padStart(3)} %  ` +
          `${(report.cpuMs / report.result.keystrokes).toFixed(3)} ms/key  load ${report.loadAverage.end.toFixed(1)}  ` +
          `${healthy(report) ? 'ok' : 'over'}`,
      );
    }
  }
  console.log(`\n$ ${benchCommand(options)}\nknee scan (p99 ≤ ${KNEE_P99_MS} ms, no errors):`);
  for (const row of rows) console.log(row);
  for (const target of options.targets) {
    const largest = knee.get(target);
    console.log(
      `knee ${target}: ${largest === undefined ? `below ${steps[0]}` : `${largest} rooms`} × ${options.clients} clients`,
    );
  }
}

/** A/B of an engine variable, interleaved (A B, B A, …) so that the machine's load drifts over both. */
async function abRuns(options: BenchOptions, ab: NonNullable<BenchOptions['ab']>): Promise<void> {
  const pairs: Array<{ a: TargetReport; b: TargetReport }> = [];
  for (let round = 0; round < ab.rounds; round++) {
    const order = round % 2 === 0 ? [ab.a, ab.b] : [ab.b, ab.a];
    const reports = new Map<string, TargetReport>();
    for (const value of order) {
      log(`A/B round ${round + 1}/${ab.rounds}: ${ab.name}=${value}`);
      reports.set(value, await dojoReport(options, { [ab.name]: value }));
    }
    const pair = { a: reports.get(ab.a)!, b: reports.get(ab.b)! };
    pairs.push(pair);
    // Printed as soon as the round ends: a long A/B cut short still leaves its finished rounds.
    console.log(`\nround ${round + 1}`);
    printReport(benchCommand(options), [pair.b, pair.a]);
  }
  const perKey = (report: TargetReport) => report.cpuMs / report.result.keystrokes;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const writesPerKey = (report: TargetReport) => report.writeCalls / report.result.keystrokes;
  const summary = (figure: string, of: (report: TargetReport) => number, digits: number) => {
    const a = mean(pairs.map((pair) => of(pair.a)));
    const b = mean(pairs.map((pair) => of(pair.b)));
    return (
      `${figure}, mean of ${ab.rounds} rounds: ` +
      `${ab.name}=${ab.a} ${a.toFixed(digits)}, ${ab.name}=${ab.b} ${b.toFixed(digits)} (B / A ${(b / a).toFixed(2)}×)`
    );
  };
  console.log(`\n$ ${benchCommand(options)}`);
  console.log(summary('server CPU ms / keystroke', perKey, 3));
  console.log(summary('server write calls / keystroke', writesPerKey, 2));
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.scaleTargets) {
    await scaleTargets(options, { dojo: (step) => dojoReport(step), hocuspocus: hocuspocusReport }, log);
    return;
  }
  if (options.ab) {
    await abRuns(options, options.ab);
    return;
  }
  if (options.knee) {
    log(`knee scan over ${options.knee.join(', ')} rooms × ${options.clients} clients, ${options.seconds} s windows`);
    await kneeScan(options, options.knee);
    return;
  }
  log(
    `workload: ${options.rooms} rooms × ${options.clients} clients, driver ${options.keysPerSecond} keys/s, ` +
      `cursors ${options.cursorsPerSecond}/s, ${options.warmupSeconds} s warm-up, ${options.seconds} s window; ` +
      `dojo processes: ${options.processes}; ${options.lightClients ? 'light clients (engine capacity)' : 'full clients'}`,
  );
  const reports: TargetReport[] = [];
  if (options.targets.includes('dojo')) reports.push(await dojoReport(options));
  if (options.targets.includes('hocuspocus')) reports.push(await hocuspocusReport(options));
  console.log('');
  printReport(benchCommand(options), reports);
  if (options.processes === 2 && options.targets.includes('hocuspocus')) {
    console.log('(Hocuspocus runs as one process: its Redis extension is not installed here.)');
  }
}

await main();
process.exit(0);
