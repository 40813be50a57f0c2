import { bucketPercentile, type ServerStats } from './server-stats.ts';
import type { WorkloadResult } from './workload.ts';

/** A workload result with the server figures measured over the same window. */
export interface TargetReport {
  label: string;
  result: WorkloadResult;
  /** CPU of all server processes over the window (ms). */
  cpuMs: number;
  /** Sum over server processes of their peak RSS in the window (bytes). */
  peakRssBytes: number;
  /** Write and read system calls of all server processes over the window (NaN when not measured). */
  writeCalls: number;
  readCalls: number;
  /** CPU of the Postgres backends serving the target's database over the window (ms); NaN when not measured. */
  postgresCpuMs: number;
  /** Commands the Redis server processed over the window; NaN without Redis (one process). */
  redisCommands: number;
  /** The machine's 1-minute load average at the start and end of the window (other work on the machine shows here). */
  loadAverage: { start: number; end: number };
  persistLag?: NonNullable<ServerStats['persistLag']>;
  /** CPU of the load generator (this process) over the window (ms): near 100 % of a core, it is what gets measured. */
  generatorCpuMs: number;
}

const fixed = (digits: number) => (value: number) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ms = fixed(1);
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–';

interface Row {
  name: string;
  value: (report: TargetReport) => number;
  format: (value: number) => string;
  /** No ratio column (the figure describes the machine, not the target). */
  noRatio?: true;
}

const rows: Row[] = [
  { name: 'keystroke→peer p50 (ms)', value: (r) => r.result.latency.p50, format: ms },
  { name: 'keystroke→peer p95 (ms)', value: (r) => r.result.latency.p95, format: ms },
  { name: 'keystroke→peer p99 (ms)', value: (r) => r.result.latency.p99, format: ms },
  { name: 'keystroke→peer max (ms)', value: (r) => r.result.latency.max, format: ms },
  { name: 'keystrokes sent', value: (r) => r.result.keystrokes, format: String },
  { name: 'deliveries measured', value: (r) => r.result.latency.samples, format: String },
  {
    name: 'server CPU (% of one core)',
    value: (r) => (r.cpuMs / (r.result.windowSeconds * 1000)) * 100,
    format: fixed(0),
  },
  { name: 'server CPU ms / keystroke', value: (r) => r.cpuMs / r.result.keystrokes, format: fixed(3) },
  { name: 'server write calls / keystroke', value: (r) => r.writeCalls / r.result.keystrokes, format: fixed(2) },
  { name: 'server read calls / keystroke', value: (r) => r.readCalls / r.result.keystrokes, format: fixed(2) },
  { name: 'Postgres CPU ms / keystroke', value: (r) => r.postgresCpuMs / r.result.keystrokes, format: fixed(3) },
  {
    name: 'server + Postgres CPU ms / keystroke',
    value: (r) => (r.cpuMs + r.postgresCpuMs) / r.result.keystrokes,
    format: fixed(3),
  },
  { name: 'Redis commands / keystroke', value: (r) => r.redisCommands / r.result.keystrokes, format: fixed(3) },
  { name: 'server peak RSS (MB)', value: (r) => r.peakRssBytes / 1048576, format: fixed(0) },
  {
    name: 'load generator CPU (% of one core)',
    value: (r) => (r.generatorCpuMs / (r.result.windowSeconds * 1000)) * 100,
    format: fixed(0),
  },
  {
    name: 'persist lag mean (ms)',
    value: (r) => (r.persistLag?.count ? (r.persistLag.sumSeconds / r.persistLag.count) * 1000 : Number.NaN),
    format: ms,
  },
  {
    name: 'persist lag p99 ≤ (ms)',
    value: (r) => (r.persistLag ? bucketPercentile(r.persistLag, 99) * 1000 : Number.NaN),
    format: ms,
  },
  { name: 'load average (1 min) at start', value: (r) => r.loadAverage.start, format: fixed(1), noRatio: true },
  { name: 'load average (1 min) at end', value: (r) => r.loadAverage.end, format: fixed(1), noRatio: true },
];

/**
 * Prints the command that reproduces the run, then the figures of every
 * target side by side, with each target's ratio to the last one (the peer).
 */
export function printReport(
  command: string,
  reports: TargetReport[],
  print: (line: string) => void = console.log,
): void {
  print(`$ ${command}`);
  if (reports[0]) {
    const { joinSeconds, warmupSeconds, windowSeconds } = reports[0].result;
    print(
      `(joins ${joinSeconds.toFixed(1)} s, warm-up ${warmupSeconds} s left out, measured window ${windowSeconds.toFixed(1)} s)`,
    );
  }
  const baseline = reports.length > 1 ? reports.at(-1)! : undefined;
  const header = [
    '',
    ...reports.map((r) => r.label),
    ...(baseline ? reports.slice(0, -1).map((r) => `${r.label} / ${baseline.label}`) : []),
  ];
  const table = rows.map((row) => [
    row.name,
    ...reports.map((r) => row.format(row.value(r))),
    ...(baseline ? reports.slice(0, -1).map((r) => (row.noRatio ? '' : ratio(row.value(r), row.value(baseline)))) : []),
  ]);
  table.push([
    'errors (joins/drops/server/missing)',
    ...reports.map(
      (r) => `${r.result.errors.joins}/${r.result.errors.drops}/${r.result.errors.server}/${r.result.missing}`,
    ),
    ...(baseline ? reports.slice(0, -1).map(() => '') : []),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...table].map((line) => line[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  print(line(header));
  for (const cells of table) print(line(cells));
}
