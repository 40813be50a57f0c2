/**
 * `npm run bench:memory -w dojo-engine -- [--total N] [--wave W] [--clients M] [--churn-clients K] [--edits E] [--live L] [--gc]`:
 * the engine's memory, measured from outside against a real engine process: its RSS read from
 * /proc/<pid>/status (as a pod's memory limit sees it), with its V8 heap and its WebAssembly memory
 * (Automerge's heap, which grows and never shrinks) reported by the process.
 *
 * 1. Per live room and per client: L rooms of 2 clients, then the same rooms with M clients each,
 *    sampled after a forced GC, against the idle engine.
 * 2. Churn: N rooms opened W at a time (K clients each), edited (E keystrokes), closed and disposed
 *    after their final save; a sample after every wave, a progress line every 10 s. The plateau is
 *    the highest RSS of the second half; the leak check is a least-squares regression of RSS (and of
 *    heap and WebAssembly memory) over the second half: the verdict is "no growth" when the fitted
 *    growth over the second half stays below max(8 MB, 3 % of the plateau).
 *    `--gc` collects garbage before every churn sample (what the plateau is once Automerge's
 *    finalizers have run); without it the samples show what the engine holds on its own.
 *
 * Prints the command with the figures and the machine's load average.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DojoLoadClient } from './lib/dojo-load-client.ts';
import { BENCH_FILE } from './lib/dojo-target.ts';
import { linearFit } from './lib/linear-fit.ts';
import { startLocalDojoEngines } from './lib/local-dojo-engines.ts';
import type { ServerChild } from './lib/server-child.ts';

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const load = () => loadavg()[0]!.toFixed(1);

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    total: { type: 'string' },
    wave: { type: 'string' },
    clients: { type: 'string' },
    'churn-clients': { type: 'string' },
    edits: { type: 'string' },
    live: { type: 'string' },
    gc: { type: 'boolean' },
    'engine-env': { type: 'string', multiple: true },
  },
  strict: true,
});
const total = Number(values.total ?? 10_000);
const wave = Number(values.wave ?? 50);
const clients = Number(values.clients ?? 6);
const churnClients = Number(values['churn-clients'] ?? 2);
const edits = Number(values.edits ?? 20);
const live = Number(values.live ?? 100);
const gcBeforeSample = values.gc ?? false;
/** `--engine-env NAME=value` (repeatable): environment of the engine process, e.g. MALLOC_ARENA_MAX=2. */
const engineEnv = Object.fromEntries(
  (values['engine-env'] ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--engine-env takes NAME=value, got ${pair}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
for (const [name, value] of Object.entries({ total, wave, clients, churnClients, edits, live })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
}
if (clients < 3) throw new Error('--clients must be at least 3 (per-client memory compares M clients with 2)');

interface Sample {
  rss: number;
  /** V8 heap used and committed. */
  heap: number;
  heapTotal: number;
  /** Buffers outside the V8 heap. */
  external: number;
  wasm: number;
}
const COLUMNS: Array<[keyof Sample, string]> = [
  ['rss', 'RSS'],
  ['heap', 'heap used'],
  ['heapTotal', 'heap total'],
  ['external', 'external'],
  ['wasm', 'WebAssembly'],
];

/** RSS of `pid` as the kernel counts it (what a pod's memory limit sees). */
async function rssFromOutside(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** Waits until `rooms` rooms are live (up to a minute), then samples the engine. */
async function settle(server: ServerChild, rooms: number, gc: boolean): Promise<Sample> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stats = await server.stats({ gc });
    if (stats.rooms === rooms || Date.now() > deadline) {
      return {
        rss: await rssFromOutside(server.child.pid!),
        heap: stats.heapUsedBytes,
        heapTotal: stats.heapTotalBytes ?? 0,
        external: stats.externalBytes ?? 0,
        wasm: stats.wasmBytes ?? 0,
      };
    }
  }
}

/** Clients of one room being opened; once `abandoned`, a join that still completes is closed at once. */
interface Opening {
  clients: DojoLoadClient[];
  abandoned: boolean;
}

/** Opens room `index` with `count` clients (light: the driver replays prepared keystrokes). */
async function openRoom(
  urls: string[],
  ticket: (room: number, client: number) => Promise<string>,
  index: number,
  count: number,
  opening: Opening = { clients: [], abandoned: false },
) {
  for (let c = 0; c < count; c++) {
    const client = await DojoLoadClient.join(urls[0]!, await ticket(index, c), BENCH_FILE, {
      applyChanges: c === 0,
    });
    if (opening.abandoned) {
      // Given up on meanwhile (its earlier clients are closed already): a half-open room would never empty.
      await client.close().catch(() => {});
      throw new Error('abandoned');
    }
    opening.clients.push(client);
  }
  return opening.clients;
}

/** `promise`, or a rejection after `ms` (a join stuck on a starved machine must not stall the run). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The driver types `edits` keystrokes; resolves once every peer received them (or after 30 s). */
async function edit(room: DojoLoadClient[]) {
  const [driver, ...peers] = room as [DojoLoadClient, ...DojoLoadClient[]];
  let received = 0;
  for (const peer of peers) peer.onChanges = (count) => (received += count);
  for (const frame of driver.prepareAppends(BENCH_FILE, edits)) driver.sendPrepared(frame);
  const deadline = Date.now() + 30_000;
  while (received < edits * peers.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const command =
  `npm run bench:memory -w dojo-engine -- --total ${total} --wave ${wave} --clients ${clients} ` +
  `--churn-clients ${churnClients} --edits ${edits} --live ${live}${gcBeforeSample ? ' --gc' : ''}` +
  Object.entries(engineEnv)
    .map(([name, value]) => ` --engine-env ${name}=${value}`)
    .join('');
log(`${command} (load average ${load()})`);
const engines = await startLocalDojoEngines({
  processes: 1,
  rooms: live + total,
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  emptyGraceMs: 200,
  execArgv: ['--expose-gc'],
  env: engineEnv,
  log,
});
const server = engines.servers[0]!;
try {
  // 1. Per live room and per client, after a forced GC.
  const idle = await settle(server, 0, true);
  log(`idle engine: RSS ${mb(idle.rss)}, heap ${mb(idle.heap)}, WebAssembly ${mb(idle.wasm)}; opening ${live} rooms`);
  const rooms: DojoLoadClient[][] = [];
  for (let i = 0; i < live; i++) rooms.push(await openRoom(engines.urls, engines.ticket, i, 2));
  const twoEach = await settle(server, live, true);
  log(`${live} rooms × 2 clients: RSS ${mb(twoEach.rss)}; adding clients up to ${clients} each`);
  for (const [i, room] of rooms.entries()) {
    for (let c = 2; c < clients; c++) {
      room.push(
        await DojoLoadClient.join(engines.urls[0]!, await engines.ticket(i, c), BENCH_FILE, { applyChanges: false }),
      );
    }
  }
  const fullEach = await settle(server, live, true);
  const perRoom = (field: keyof Sample) => (twoEach[field] - idle[field]) / live;
  const perClient = (field: keyof Sample) => (fullEach[field] - twoEach[field]) / (live * (clients - 2));
  await Promise.all(rooms.flat().map((client) => client.close()));
  const afterLive = await settle(server, 0, true);

  // 2. Churn, in waves.
  log(`churn: ${total} rooms, ${wave} at a time, ${churnClients} clients and ${edits} keystrokes each`);
  const samples: Array<Sample & { closed: number }> = [];
  let failed = 0;
  let closed = 0;
  const started = Date.now();
  let lastProgress = 0;
  for (let opened = 0; opened < total; opened += wave) {
    const joining = Array.from(
      { length: Math.min(wave, total - opened) },
      (): Opening => ({ clients: [], abandoned: false }),
    );
    const attempts = await Promise.allSettled(
      joining.map((opening, i) =>
        within(60_000, openRoom(engines.urls, engines.ticket, live + opened + i, churnClients, opening)),
      ),
    );
    const open = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
    failed += attempts.length - open.length;
    for (const [i, attempt] of attempts.entries()) {
      if (attempt.status === 'fulfilled') continue;
      log(`room ${live + opened + i} did not open: ${(attempt.reason as Error).message}`);
      const opening = joining[i]!;
      opening.abandoned = true;
      await Promise.all(opening.clients.map((client) => within(10_000, client.close()).catch(() => {})));
    }
    await Promise.all(open.map(edit));
    await Promise.all(open.flat().map((client) => within(10_000, client.close()).catch(() => {})));
    closed += open.length;
    samples.push({ closed, ...(await settle(server, 0, gcBeforeSample)) });
    if (Date.now() - lastProgress > 10_000 || opened + wave >= total) {
      lastProgress = Date.now();
      const done = opened + attempts.length;
      const eta = ((Date.now() - started) / done) * (total - done);
      const last = samples.at(-1)!;
      log(
        `churn ${done}/${total} rooms (${failed} failed), RSS ${mb(last.rss)}, heap ${mb(last.heap)} ` +
          `of ${mb(last.heapTotal)}, external ${mb(last.external)}, WebAssembly ${mb(last.wasm)}, ETA ${Math.round(eta / 1000)} s, load ${load()}`,
      );
    }
  }
  const half = samples.slice(Math.floor(samples.length / 2));
  const fit = (field: keyof Sample) => linearFit(half.map((s) => [s.closed, s[field]]));
  const roomsInHalf = half.at(-1)!.closed - half[0]!.closed;
  const plateau = Math.max(...half.map((s) => s.rss));
  const rssFit = fit('rss');
  const fittedGrowth = rssFit.slope * roomsInHalf;
  const tolerance = Math.max(8 * 1048576, 0.03 * plateau);
  const growthLine = (field: keyof Sample) => {
    const { slope, r2 } = fit(field);
    return `${(slope / 1024).toFixed(2).padStart(7)} KB per room closed → ${mb(slope * roomsInHalf).padStart(9)} over the half (r² ${r2.toFixed(2)})`;
  };

  console.log(`\n$ ${command}`);
  console.log(`load average (1 min) at the end: ${load()}`);
  const cell = (text: string) => text.padStart(12);
  console.log(`${''.padEnd(38)}${COLUMNS.map(([, title]) => cell(title)).join('')}`);
  const row = (label: string, figure: (field: keyof Sample) => string) =>
    console.log(`${label.padEnd(38)}${COLUMNS.map(([field]) => cell(figure(field))).join('')}`);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  row('engine idle (no room, after GC)', (field) => mb(idle[field]));
  row(`${live} rooms × 2 clients live`, (field) => mb(twoEach[field]));
  row(`${live} rooms × ${clients} clients live`, (field) => mb(fullEach[field]));
  row('after they closed', (field) => mb(afterLive[field]));
  row('per live room (2 clients, starter doc)', (field) => kb(perRoom(field)));
  row('per connected client', (field) => kb(perClient(field)));
  console.log(
    `churn of ${total} rooms (${wave} at a time, ${churnClients} clients, ${edits} edits each; ${failed} failed to open), ` +
      `${Math.round((Date.now() - started) / 1000)} s${gcBeforeSample ? ', sampled after GC' : ''}:`,
  );
  console.log(`  plateau (highest RSS, second half)    ${mb(plateau)}`);
  console.log(`  highest WebAssembly memory            ${mb(Math.max(...samples.map((s) => s.wasm)))}`);
  console.log(`  regression over the second half (${half.length} samples, ${roomsInHalf} rooms):`);
  for (const [field, title] of COLUMNS) console.log(`    ${title.padEnd(12)} ${growthLine(field)}`);
  console.log(
    `  verdict: ${fittedGrowth < tolerance ? 'no growth after the plateau' : 'GROWING (leak?)'} ` +
      `(fitted RSS growth ${mb(fittedGrowth)}, tolerance ${mb(tolerance)})`,
  );
  const every = Math.max(1, Math.floor(samples.length / 10));
  console.log(
    `  RSS / WebAssembly along the run: ${samples
      .filter((_, i) => (i + 1) % every === 0)
      .map((s) => `${s.closed}: ${mb(s.rss)} / ${mb(s.wasm)}`)
      .join(', ')}`,
  );
} finally {
  await engines.close();
}
process.exit(0);
