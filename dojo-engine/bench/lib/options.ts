import { parseArgs } from 'node:util';

/** One benchmark workload: the same for the dojo engine and the Hocuspocus peer. */
export interface WorkloadOptions {
  /** Rooms (dojos / Hocuspocus documents). */
  rooms: number;
  /** Clients per room: one driver typing, the others moving cursors. */
  clients: number;
  /** Keystrokes per second of each room's driver. */
  keysPerSecond: number;
  /** Cursor moves per second of each other client. */
  cursorsPerSecond: number;
  /** Length of the measured window (s), after every client joined and the warm-up. */
  seconds: number;
  /** Typing before the measured window that no figure counts (s). */
  warmupSeconds: number;
  /** Clients joining at once while the rooms fill. */
  joinConcurrency: number;
  /** Engine-capacity mode: prepared keystrokes and counting peers, dojo only (see DojoTargetOptions). */
  lightClients: boolean;
}

export interface BenchOptions extends WorkloadOptions {
  /** Dojo engine processes (2 share rooms through Redis). */
  processes: 1 | 2;
  /** Which systems to measure. */
  targets: Array<'dojo' | 'hocuspocus'>;
  /** Knee scan: run the workload at each of these room counts (ascending), instead of `rooms` once. */
  knee: number[] | undefined;
  redisUrl: string;
  databaseUrl: string | undefined;
  /**
   * A/B of an engine setting: the dojo runs with environment `name`=`a` (baseline) and `name`=`b`
   * alternately, `rounds` times each (A B, B A, …), each pair printed with the ratio B / A.
   */
  ab: { name: string; a: string; b: string; rounds: number } | undefined;
  /** Every target of the scale issue measured and judged in one run (lib/scale-targets.ts). */
  scaleTargets: boolean;
}

const usage = `usage: npm run bench -w dojo-engine -- [--rooms N] [--clients M] [--keys K] [--seconds S]
       [--warmup W] [--processes 1|2] [--only dojo|hocuspocus] [--cursors C] [--join-concurrency J]
       [--knee N1,N2,…] [--light-clients] [--ab NAME=A,B [--rounds R]] [--scale-targets]
  Each flag also reads from the environment: BENCH_ROOMS, BENCH_CLIENTS, BENCH_KEYS, BENCH_SECONDS,
  BENCH_WARMUP, BENCH_PROCESSES, BENCH_ONLY, BENCH_CURSORS, BENCH_JOIN_CONCURRENCY.
  --warmup W: seconds of typing before the measured window, left out of every figure (default 5).
  Clients are full clients on both sides by default: the driver makes each keystroke when it types it
  and peers apply what they receive (Automerge for the dojo, Yjs for Hocuspocus).
  --light-clients (BENCH_LIGHT_CLIENTS=1): engine capacity only (implies --only dojo): the dojo driver's
  keystrokes are made before the run and peers count changes without applying them, because full
  Automerge clients for hundreds of rooms saturate a load generator sharing this machine's cores.
  --ab PRESENCE_HOLD_TICKS=0,2 --rounds 2: the dojo only, run with the engine variable NAME=A (baseline)
  and NAME=B in turn (A B, then B A, … R rounds), each round printed with the ratio B / A; the engine
  variables the bench server reads are listed in bench/servers/dojo-server.ts.
  --scale-targets: the scale issue's targets in one run, each judged against its limit: CPU per keystroke
  at 300 rooms and p99 and persist lag at 500 (one process, light clients), two processes against one,
  Redis per keystroke, and the engine against Hocuspocus with full clients at 100 rooms (--rooms is
  ignored; the other flags set the workload, e.g. --clients 6 --seconds 30).
  --knee 100,200,300: runs the workload at each room count and reports, per target, the largest one
  whose p99 stays ≤ 100 ms with no errors (a target stops after two failing steps in a row). REDIS_URL (processes=2, default
  redis://127.0.0.1:6379) and DATABASE_URL (superuser; an embedded Postgres is started without it).`;

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer between ${min} and ${max}, got "${raw}"\n${usage}`);
  }
  return value;
}

/** Parses CLI flags (falling back to BENCH_* variables) and validates them. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rooms: { type: 'string' },
      clients: { type: 'string' },
      keys: { type: 'string' },
      cursors: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'light-clients': { type: 'boolean' },
      processes: { type: 'string' },
      only: { type: 'string' },
      'join-concurrency': { type: 'string' },
      knee: { type: 'string' },
      ab: { type: 'string' },
      rounds: { type: 'string' },
      'scale-targets': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const lightClients = values['light-clients'] ?? env.BENCH_LIGHT_CLIENTS === '1';
  const only = lightClients ? 'dojo' : (values.only ?? env.BENCH_ONLY);
  if (only !== undefined && only !== 'dojo' && only !== 'hocuspocus') {
    throw new Error(`--only must be dojo or hocuspocus, got "${only}"\n${usage}`);
  }
  const kneeRaw = values.knee ?? env.BENCH_KNEE;
  const knee = kneeRaw
    ?.split(',')
    .map((n, i) => integer(`knee[${i}]`, n.trim(), 0, 1, 5000))
    .sort((a, b) => a - b);
  const abRaw = values.ab ?? env.BENCH_AB;
  const abMatch = abRaw === undefined ? undefined : /^([A-Z_][A-Z0-9_]*)=([^,]*),([^,]*)$/.exec(abRaw);
  if (abRaw !== undefined && !abMatch) throw new Error(`--ab takes NAME=A,B, got "${abRaw}"\n${usage}`);
  const ab = abMatch
    ? { name: abMatch[1]!, a: abMatch[2]!, b: abMatch[3]!, rounds: integer('rounds', values.rounds, 2, 1, 20) }
    : undefined;
  return {
    knee,
    ab,
    scaleTargets: values['scale-targets'] ?? false,
    rooms: integer('rooms', values.rooms ?? env.BENCH_ROOMS, 50, 1, 5000),
    clients: integer('clients', values.clients ?? env.BENCH_CLIENTS, 5, 2, 50),
    keysPerSecond: integer('keys', values.keys ?? env.BENCH_KEYS, 5, 1, 1000),
    cursorsPerSecond: integer('cursors', values.cursors ?? env.BENCH_CURSORS, 2, 0, 100),
    seconds: integer('seconds', values.seconds ?? env.BENCH_SECONDS, 20, 1, 3600),
    warmupSeconds: integer('warmup', values.warmup ?? env.BENCH_WARMUP, 5, 0, 600),
    joinConcurrency: integer('join-concurrency', values['join-concurrency'] ?? env.BENCH_JOIN_CONCURRENCY, 25, 1, 500),
    lightClients,
    processes: integer('processes', values.processes ?? env.BENCH_PROCESSES, 1, 1, 2) as 1 | 2,
    targets: ab ? ['dojo'] : only ? [only] : ['dojo', 'hocuspocus'],
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: env.DATABASE_URL,
  };
}

/** The command that reproduces a run with these options (printed with every table). */
export function benchCommand(options: BenchOptions, script = 'npm run bench -w dojo-engine --'): string {
  const flags = [
    options.knee ? `--knee ${options.knee.join(',')}` : `--rooms ${options.rooms}`,
    `--clients ${options.clients}`,
    `--keys ${options.keysPerSecond}`,
    `--cursors ${options.cursorsPerSecond}`,
    `--seconds ${options.seconds}`,
    `--warmup ${options.warmupSeconds}`,
    `--processes ${options.processes}`,
    `--join-concurrency ${options.joinConcurrency}`,
    ...(options.ab ? [`--ab ${options.ab.name}=${options.ab.a},${options.ab.b} --rounds ${options.ab.rounds}`] : []),
    ...(options.lightClients
      ? ['--light-clients']
      : options.targets.length === 1 && !options.ab
        ? [`--only ${options.targets[0]}`]
        : []),
  ];
  return `${script} ${flags.join(' ')}`;
}

/** Keystrokes each light driver prepares: the warm-up and the window, with a margin for late timers. */
export const lightKeystrokes = (options: WorkloadOptions): number | undefined =>
  options.lightClients ? Math.ceil(options.keysPerSecond * (options.warmupSeconds + options.seconds + 5)) : undefined;
