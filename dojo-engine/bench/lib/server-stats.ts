import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** What a server child reports about itself (process-wide figures). */
export interface ServerStats {
  /** CPU time used since the process started (ms, user + system). */
  cpuMs: number;
  rssBytes: number;
  /** Highest RSS sampled (every 250 ms) since the last reset. */
  peakRssBytes: number;
  /** V8 heap in use (bytes); WebAssembly memory (Automerge) is outside it, in RSS. */
  heapUsedBytes: number;
  /** V8 heap committed (bytes): used plus what V8 holds free. */
  heapTotalBytes?: number;
  /** Memory of Buffers and ArrayBuffers outside the V8 heap (bytes). */
  externalBytes?: number;
  /** WebAssembly memory (Automerge's heap; it grows and never shrinks), when the server records it. */
  wasmBytes?: number;
  /** Live rooms, when the server reports them. */
  rooms?: number;
  /**
   * Write and read system calls since the process started (`syscw`/`syscr` of /proc/self/io; Linux
   * only). Deterministic where CPU time is not on a shared host: nearly all of them are socket
   * writes and reads, one per frame or per corked batch of frames to a client.
   */
  writeCalls?: number;
  readCalls?: number;
  /** Persist lag histogram (cumulative buckets, seconds), when the server persists. */
  persistLag?: { count: number; sumSeconds: number; buckets: Array<{ le: number; count: number }> };
}

/** `gc`: collect garbage before reading the figures (the server must run with `--expose-gc`). */
export type StatsRequest = { type: 'stats'; id: number; resetPeak?: boolean; profile?: 'start' | 'stop'; gc?: boolean };
export type StatsReply = { type: 'stats'; id: number; stats: ServerStats };

/**
 * Child side: answers the parent's stats requests over IPC.
 * `extra` adds figures only the server knows (persist lag). With BENCH_CPU_PROF=<dir>, a request
 * with `profile: 'start'` starts a V8 CPU profile and one with `profile: 'stop'` writes it to
 * <dir>/<pid>.cpuprofile: the profile covers the measured window only (not the joins).
 */
export function answerStatsRequests(extra: () => Promise<Partial<ServerStats>> = async () => ({})): void {
  let peak = process.memoryUsage.rss();
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 250).unref();
  const profiler = windowProfiler();
  process.on('message', async (message: StatsRequest) => {
    if (message?.type !== 'stats') return;
    if (message.gc) globalThis.gc?.();
    const usage = process.cpuUsage();
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    const stats: ServerStats = {
      cpuMs: (usage.user + usage.system) / 1000,
      rssBytes: rss,
      peakRssBytes: peak,
      ...memoryFigures(),
      ...(await systemCalls()),
      ...(await extra()),
    };
    if (message.resetPeak) peak = rss;
    if (message.profile === 'start') await profiler?.start();
    // Stopped after the figures are read: writing the profile is not part of the window.
    if (message.profile === 'stop') await profiler?.stop();
    process.send?.({ type: 'stats', id: message.id, stats } satisfies StatsReply);
  });
}

function memoryFigures() {
  const memory = process.memoryUsage();
  return { heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal, externalBytes: memory.external };
}

/** This process's write and read system calls so far, where /proc tells them. */
async function systemCalls(): Promise<Pick<ServerStats, 'writeCalls' | 'readCalls'>> {
  const io = await readFile('/proc/self/io', 'utf8').catch(() => '');
  const count = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1] ?? Number.NaN);
  return { writeCalls: count('syscw'), readCalls: count('syscr') };
}

/** A CPU profiler over the inspector, when BENCH_CPU_PROF names a directory. */
function windowProfiler(): { start(): Promise<void>; stop(): Promise<void> } | undefined {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

/** Persist-lag percentile from cumulative histogram buckets: the upper bound of the bucket holding it. */
export function bucketPercentile(lag: NonNullable<ServerStats['persistLag']>, p: number): number {
  if (lag.count === 0) return Number.NaN;
  const target = (p / 100) * lag.count;
  for (const bucket of lag.buckets) if (bucket.count >= target) return bucket.le;
  return Number.POSITIVE_INFINITY;
}

/** The difference of two cumulative histograms (what happened between two snapshots). */
export function histogramDelta(
  after: NonNullable<ServerStats['persistLag']>,
  before: ServerStats['persistLag'],
): NonNullable<ServerStats['persistLag']> {
  if (!before) return after;
  return {
    count: after.count - before.count,
    sumSeconds: after.sumSeconds - before.sumSeconds,
    buckets: after.buckets.map((bucket, i) => ({
      le: bucket.le,
      count: bucket.count - (before.buckets[i]?.count ?? 0),
    })),
  };
}
