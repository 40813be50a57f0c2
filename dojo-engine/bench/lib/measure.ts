import { loadavg } from 'node:os';
import type { LoadTarget } from './load-target.ts';
import type { WorkloadOptions } from './options.ts';
import { PostgresCpu } from './postgres-cpu.ts';
import type { RedisTraffic } from './redis-traffic.ts';
import type { TargetReport } from './report.ts';
import type { ServerChild } from './server-child.ts';
import { histogramDelta, type ServerStats } from './server-stats.ts';
import { runWorkload } from './workload.ts';

/**
 * Measures `target` served by `servers` (and `postgres`, the backends of its
 * database): the workload, plus the servers' and Postgres's CPU, RSS and
 * persist lag over its window, and the machine's load average around it.
 */
export async function measure(
  label: string,
  target: LoadTarget,
  servers: ServerChild[],
  options: WorkloadOptions,
  log: (line: string) => void,
  sources: { postgres?: PostgresCpu; redis?: RedisTraffic } = {},
): Promise<TargetReport> {
  const { postgres, redis } = sources;
  const redisCommands = { before: Number.NaN, after: Number.NaN };
  let before: ServerStats[] = [];
  let after: ServerStats[] = [];
  let postgresBefore = new Map<number, number>();
  let postgresMs = Number.NaN;
  const loadAverage = { start: Number.NaN, end: Number.NaN };
  let generatorStart = process.cpuUsage();
  let generatorCpu = { user: 0, system: 0 };
  const result = await runWorkload(target, options, {
    log,
    async windowStart() {
      loadAverage.start = loadavg()[0]!;
      if (redis) redisCommands.before = await redis.commands();
      [before, postgresBefore] = await Promise.all([
        Promise.all(servers.map((server) => server.stats({ resetPeak: true, profile: 'start' }))),
        postgres?.sample() ?? new Map<number, number>(),
      ]);
      generatorStart = process.cpuUsage();
    },
    async windowEnd() {
      generatorCpu = process.cpuUsage(generatorStart);
      let postgresAfter: Map<number, number>;
      [after, postgresAfter] = await Promise.all([
        Promise.all(servers.map((server) => server.stats({ profile: 'stop' }))),
        postgres?.sample() ?? new Map<number, number>(),
      ]);
      postgresMs = PostgresCpu.between(postgresBefore, postgresAfter);
      loadAverage.end = loadavg()[0]!;
      // One INFO of our own falls inside the window (the one that read `before`): left out.
      if (redis) redisCommands.after = (await redis.commands()) - 1;
    },
  });
  let persistLag: TargetReport['persistLag'];
  for (const [i, stats] of after.entries()) {
    if (!stats.persistLag) continue;
    const delta = histogramDelta(stats.persistLag, before[i]?.persistLag);
    persistLag = persistLag
      ? {
          count: persistLag.count + delta.count,
          sumSeconds: persistLag.sumSeconds + delta.sumSeconds,
          buckets: persistLag.buckets.map((b, j) => ({ le: b.le, count: b.count + (delta.buckets[j]?.count ?? 0) })),
        }
      : delta;
  }
  return {
    label,
    result,
    // No server children (a remote deployment): the server figures are unknown, not zero.
    cpuMs:
      servers.length === 0
        ? Number.NaN
        : after.reduce((sum, stats, i) => sum + stats.cpuMs - (before[i]?.cpuMs ?? 0), 0),
    peakRssBytes: servers.length === 0 ? Number.NaN : after.reduce((sum, stats) => sum + stats.peakRssBytes, 0),
    writeCalls: sumDelta(after, before, 'writeCalls'),
    readCalls: sumDelta(after, before, 'readCalls'),
    postgresCpuMs: postgresMs,
    redisCommands: redisCommands.after - redisCommands.before,
    loadAverage,
    persistLag,
    generatorCpuMs: (generatorCpu.user + generatorCpu.system) / 1000,
  };
}

/** A counter's growth over the window, summed over the server processes (NaN when not measured). */
function sumDelta(after: ServerStats[], before: ServerStats[], key: 'writeCalls' | 'readCalls'): number {
  if (after.length === 0) return Number.NaN;
  return after.reduce((sum, stats, i) => sum + (stats[key] ?? Number.NaN) - (before[i]?.[key] ?? Number.NaN), 0);
}
