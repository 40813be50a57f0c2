import type { LoadTarget } from './load-target.ts';
import type { WorkloadOptions } from './options.ts';
import type { TargetReport } from './report.ts';
import type { ServerChild } from './server-child.ts';
import { histogramDelta, type ServerStats } from './server-stats.ts';
import { runWorkload } from './workload.ts';

/** Measures `target` served by `servers`: the workload, plus the servers' CPU, RSS and persist lag over its window. */
export async function measure(
  label: string,
  target: LoadTarget,
  servers: ServerChild[],
  options: WorkloadOptions,
  log: (line: string) => void,
): Promise<TargetReport> {
  let before: ServerStats[] = [];
  let after: ServerStats[] = [];
  let generatorStart = process.cpuUsage();
  let generatorCpu = { user: 0, system: 0 };
  const result = await runWorkload(target, options, {
    log,
    async windowStart() {
      before = await Promise.all(servers.map((server) => server.stats({ resetPeak: true })));
      generatorStart = process.cpuUsage();
    },
    async windowEnd() {
      generatorCpu = process.cpuUsage(generatorStart);
      after = await Promise.all(servers.map((server) => server.stats()));
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
    persistLag,
    generatorCpuMs: (generatorCpu.user + generatorCpu.system) / 1000,
  };
}
