import { type BenchOptions, benchCommand } from './options.ts';
import { printReport, type TargetReport } from './report.ts';
import { bucketPercentile } from './server-stats.ts';

/** Measures one step of the targets run: the dojo (light or full clients) or the Hocuspocus peer. */
interface ScaleTargetRunners {
  dojo(options: BenchOptions): Promise<TargetReport>;
  hocuspocus(options: BenchOptions): Promise<TargetReport>;
}

/** Rooms of each step: the capacity points, and the peer comparison the load generator can carry. */
const TargetRooms = { cpu: 300, latency: 500, peer: 100 } as const;

/** The limits, as the scale issue states them. */
const TargetLimits = {
  cpuMsPerKeystroke: 0.25,
  p99Ms: 100,
  persistLagP99Ms: 200,
  shardingRatio: 1.1,
  /** Redis commands per keystroke that still mean "nothing per keystroke" (heartbeats and sweeps only). */
  redisPerKeystroke: 0.1,
} as const;

const perKeystroke = (report: TargetReport) => report.cpuMs / report.result.keystrokes;

interface Verdict {
  target: string;
  limit: string;
  figure: string;
  /** Figure over limit (≤ 1 meets it), or undefined for a comparison with no limit. */
  ratio: number | undefined;
}

/**
 * `--scale-targets`: every target of the scale issue measured in one run and
 * judged against its limit — CPU per keystroke at 300 rooms, p99 and persist
 * lag at 500 rooms (one process, light clients), two processes against one at
 * the same rooms and at the same rooms per process, Redis traffic per
 * keystroke, and the engine against Hocuspocus with full clients on both
 * sides at the largest room count the load generator carries for Automerge
 * clients. Each step's full table is printed as it ends.
 */
export async function scaleTargets(options: BenchOptions, run: ScaleTargetRunners, log: (line: string) => void) {
  const light: BenchOptions = { ...options, lightClients: true, targets: ['dojo'], processes: 1 };
  const steps: Array<{ name: string; options: BenchOptions; runner: keyof ScaleTargetRunners }> = [
    { name: 'cpu', options: { ...light, rooms: TargetRooms.cpu }, runner: 'dojo' },
    { name: 'latency', options: { ...light, rooms: TargetRooms.latency }, runner: 'dojo' },
    { name: 'sharded', options: { ...light, rooms: TargetRooms.cpu, processes: 2 }, runner: 'dojo' },
    { name: 'half', options: { ...light, rooms: TargetRooms.cpu / 2 }, runner: 'dojo' },
    {
      name: 'peer-dojo',
      options: { ...options, rooms: TargetRooms.peer, lightClients: false, processes: 1, targets: ['dojo'] },
      runner: 'dojo',
    },
    {
      name: 'peer-hocuspocus',
      options: { ...options, rooms: TargetRooms.peer, lightClients: false, processes: 1, targets: ['hocuspocus'] },
      runner: 'hocuspocus',
    },
  ];
  const reports = new Map<string, TargetReport>();
  for (const [i, step] of steps.entries()) {
    log(`targets step ${i + 1}/${steps.length}: ${benchCommand(step.options)}`);
    const report = await run[step.runner](step.options);
    reports.set(step.name, report);
    console.log('');
    printReport(benchCommand(step.options), [report]);
  }
  const get = (name: string) => reports.get(name)!;
  const lag = get('latency').persistLag;
  const lagP99 = lag ? bucketPercentile(lag, 99) * 1000 : Number.NaN;
  const verdicts: Verdict[] = [
    {
      target: `server CPU per keystroke, ${TargetRooms.cpu} rooms, one process`,
      limit: `≤ ${TargetLimits.cpuMsPerKeystroke} ms`,
      figure: `${perKeystroke(get('cpu')).toFixed(3)} ms`,
      ratio: perKeystroke(get('cpu')) / TargetLimits.cpuMsPerKeystroke,
    },
    {
      target: `keystroke→peer p99, ${TargetRooms.latency} rooms, one process`,
      limit: `≤ ${TargetLimits.p99Ms} ms`,
      figure: `${get('latency').result.latency.p99.toFixed(1)} ms`,
      ratio: get('latency').result.latency.p99 / TargetLimits.p99Ms,
    },
    {
      target: `persist lag p99, ${TargetRooms.latency} rooms`,
      limit: `≤ ${TargetLimits.persistLagP99Ms} ms`,
      figure: `≤ ${lagP99.toFixed(0)} ms`,
      ratio: lagP99 / TargetLimits.persistLagP99Ms,
    },
    {
      target: `CPU per keystroke, two processes / one, ${TargetRooms.cpu} rooms`,
      limit: `≤ ${TargetLimits.shardingRatio.toFixed(2)}×`,
      figure: `${(perKeystroke(get('sharded')) / perKeystroke(get('cpu'))).toFixed(2)}×`,
      ratio: perKeystroke(get('sharded')) / perKeystroke(get('cpu')) / TargetLimits.shardingRatio,
    },
    {
      target: `  the same, against one process of ${TargetRooms.cpu / 2} rooms (each process's load)`,
      limit: `≤ ${TargetLimits.shardingRatio.toFixed(2)}×`,
      figure: `${(perKeystroke(get('sharded')) / perKeystroke(get('half'))).toFixed(2)}×`,
      ratio: perKeystroke(get('sharded')) / perKeystroke(get('half')) / TargetLimits.shardingRatio,
    },
    {
      target: 'Redis commands per keystroke, two processes',
      limit: `< ${TargetLimits.redisPerKeystroke}`,
      figure: (get('sharded').redisCommands / get('sharded').result.keystrokes).toFixed(3),
      ratio: get('sharded').redisCommands / get('sharded').result.keystrokes / TargetLimits.redisPerKeystroke,
    },
    {
      target: `server CPU per keystroke, dojo / Hocuspocus, full clients, ${TargetRooms.peer} rooms`,
      limit: 'peer',
      figure: `${(perKeystroke(get('peer-dojo')) / perKeystroke(get('peer-hocuspocus'))).toFixed(2)}×`,
      ratio: undefined,
    },
    {
      target: `keystroke→peer p99, dojo / Hocuspocus, full clients, ${TargetRooms.peer} rooms`,
      limit: 'peer',
      figure: `${(get('peer-dojo').result.latency.p99 / get('peer-hocuspocus').result.latency.p99).toFixed(2)}×`,
      ratio: undefined,
    },
  ];
  const failed = [...reports.values()].filter(
    (report) => report.result.missing > 0 || Object.values(report.result.errors).some((count) => count > 0),
  );
  console.log(`\n$ ${benchCommand(options).replace(/--rooms \d+ /, '')} --scale-targets`);
  printVerdicts(verdicts);
  if (failed.length > 0) console.log(`errors or missing keystrokes in: ${failed.map((r) => r.label).join(', ')}`);
}

function printVerdicts(verdicts: Verdict[]): void {
  const rows = verdicts.map((v) => [
    v.target,
    v.limit,
    v.figure,
    v.ratio === undefined ? '' : `${v.ratio.toFixed(2)}`,
    v.ratio === undefined ? '' : Number.isFinite(v.ratio) && v.ratio <= 1 ? 'met' : 'not met',
  ]);
  const header = ['target', 'limit', 'figure', 'figure / limit', 'verdict'];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
