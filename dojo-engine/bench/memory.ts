/**
 * `npm run bench:memory -w dojo-engine -- [--total N] [--batch B] [--clients M] [--edits E] [--live L]`:
 * the engine's memory, measured from outside (its RSS, as a pod's memory limit sees it).
 *
 * 1. Per live room and per client: RSS with L rooms of 2 clients open, then the same rooms with M
 *    clients each, against the RSS before (all after a forced GC... of what JS can collect: Automerge's
 *    WebAssembly memory grows and never shrinks).
 * 2. Churn: N rooms opened B at a time, each edited (E keystrokes) and closed; the room is disposed
 *    after its final save. RSS after every batch; the plateau is the highest RSS of the second half,
 *    and the leak check is the growth between the middle and the end of the run (should be ~0).
 *
 * Prints the command with the figures and the machine's load average.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DojoLoadClient } from './lib/dojo-load-client.ts';
import { BENCH_FILE } from './lib/dojo-target.ts';
import { startLocalDojoEngines } from './lib/local-dojo-engines.ts';
import type { ServerChild } from './lib/server-child.ts';

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    total: { type: 'string' },
    batch: { type: 'string' },
    clients: { type: 'string' },
    edits: { type: 'string' },
    live: { type: 'string' },
  },
  strict: true,
});
const total = Number(values.total ?? 1000);
const batch = Number(values.batch ?? 20);
const clients = Number(values.clients ?? 6);
const edits = Number(values.edits ?? 50);
const live = Number(values.live ?? 100);
for (const [name, value] of Object.entries({ total, batch, clients, edits, live })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
}

/** Settles, then reads the server's figures (waits until `rooms` rooms are live, when given). */
async function settle(server: ServerChild, rooms?: number) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stats = await server.stats();
    if (rooms === undefined || stats.rooms === rooms || Date.now() > deadline) return stats;
  }
}

/** Opens room `index` with `count` clients (light: the driver replays prepared keystrokes). */
async function openRoom(
  urls: string[],
  ticket: (room: number, client: number) => Promise<string>,
  index: number,
  count: number,
) {
  const joined: DojoLoadClient[] = [];
  joined.push(await DojoLoadClient.join(urls[0]!, await ticket(index, 0), BENCH_FILE));
  for (let c = 1; c < count; c++) {
    joined.push(await DojoLoadClient.join(urls[0]!, await ticket(index, c), BENCH_FILE, { applyChanges: false }));
  }
  return joined;
}

/** `promise`, or a rejection after `ms` (a join stuck on a starved machine must not stall the run). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function edit(room: DojoLoadClient[]) {
  const [driver, ...peers] = room as [DojoLoadClient, ...DojoLoadClient[]];
  let received = 0;
  for (const peer of peers) peer.onChanges = (count) => (received += count);
  for (const frame of driver.prepareAppends(BENCH_FILE, edits)) driver.sendPrepared(frame);
  const deadline = Date.now() + 30_000;
  while (received < edits * peers.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const command = `npm run bench:memory -w dojo-engine -- --total ${total} --batch ${batch} --clients ${clients} --edits ${edits} --live ${live}`;
log(`${command} (load average ${loadavg()[0]!.toFixed(1)})`);
const engines = await startLocalDojoEngines({
  processes: 1,
  rooms: live + total,
  databaseUrl: process.env.DATABASE_URL,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  emptyGraceMs: 200,
  log,
});
const server = engines.servers[0]!;
try {
  // 1. Per live room and per client.
  const idle = await settle(server, 0);
  const rooms: DojoLoadClient[][] = [];
  for (let i = 0; i < live; i++) rooms.push(await openRoom(engines.urls, engines.ticket, i, 2));
  const twoEach = await settle(server, live);
  for (const [i, room] of rooms.entries()) {
    for (let c = 2; c < clients; c++) {
      room.push(
        await DojoLoadClient.join(engines.urls[0]!, await engines.ticket(i, c), BENCH_FILE, { applyChanges: false }),
      );
    }
  }
  const fullEach = await settle(server, live);
  const perRoom = (twoEach.rssBytes - idle.rssBytes) / live;
  const perClient = (fullEach.rssBytes - twoEach.rssBytes) / (live * (clients - 2));
  await Promise.all(rooms.flat().map((client) => client.close()));
  const afterLive = await settle(server, 0);

  // 2. Churn.
  const samples: Array<{ opened: number; rss: number; heap: number }> = [];
  let failed = 0;
  for (let opened = 0; opened < total; opened += batch) {
    const attempts = await Promise.allSettled(
      Array.from({ length: Math.min(batch, total - opened) }, (_, i) =>
        within(60_000, openRoom(engines.urls, engines.ticket, live + opened + i, clients)),
      ),
    );
    const open = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
    failed += attempts.length - open.length;
    await Promise.all(open.map(edit));
    await Promise.all(open.flat().map((client) => within(10_000, client.close()).catch(() => {})));
    const stats = await settle(server, 0);
    samples.push({ opened: opened + open.length, rss: stats.rssBytes, heap: stats.heapUsedBytes });
    if (samples.length % 10 === 0)
      log(`churn: ${opened + open.length}/${total} rooms, RSS ${mb(stats.rssBytes)}, heap ${mb(stats.heapUsedBytes)}`);
  }
  const half = samples.slice(Math.floor(samples.length / 2));
  const plateau = Math.max(...half.map((s) => s.rss));
  const growth = samples.at(-1)!.rss - half[0]!.rss;
  const heapGrowth = samples.at(-1)!.heap - half[0]!.heap;

  console.log(`\n$ ${command}`);
  console.log(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)}`);
  console.log(`engine RSS idle (no room)                    ${mb(idle.rssBytes)}`);
  console.log(`per live room (2 clients, starter document)  ${(perRoom / 1024).toFixed(0)} KB`);
  console.log(`per connected client                         ${(perClient / 1024).toFixed(0)} KB`);
  console.log(`${live} rooms × ${clients} clients live            ${mb(fullEach.rssBytes)}`);
  console.log(`after they closed                            ${mb(afterLive.rssBytes)}`);
  console.log(`churn of ${total} rooms (${batch} at a time, ${edits} edits each; ${failed} failed to open):`);
  console.log(`  plateau (highest RSS, second half)         ${mb(plateau)}`);
  console.log(`  RSS growth over the second half            ${mb(growth)} (heap ${mb(heapGrowth)})`);
  console.log(
    `  RSS after every ${batch * 10} rooms: ${samples
      .filter((_, i) => (i + 1) % 10 === 0)
      .map((s) => mb(s.rss))
      .join(', ')}`,
  );
} finally {
  await engines.close();
}
process.exit(0);
