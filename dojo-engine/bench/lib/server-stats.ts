/** What a server child reports about itself (process-wide figures). */
export interface ServerStats {
  /** CPU time used since the process started (ms, user + system). */
  cpuMs: number;
  rssBytes: number;
  /** Highest RSS sampled (every 250 ms) since the last reset. */
  peakRssBytes: number;
  /** Persist lag histogram (cumulative buckets, seconds), when the server persists. */
  persistLag?: { count: number; sumSeconds: number; buckets: Array<{ le: number; count: number }> };
}

export type StatsRequest = { type: 'stats'; id: number; resetPeak?: boolean };
export type StatsReply = { type: 'stats'; id: number; stats: ServerStats };

/**
 * Child side: answers the parent's stats requests over IPC.
 * `extra` adds figures only the server knows (persist lag).
 */
export function answerStatsRequests(extra: () => Promise<Partial<ServerStats>> = async () => ({})): void {
  let peak = process.memoryUsage.rss();
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 250).unref();
  process.on('message', async (message: StatsRequest) => {
    if (message?.type !== 'stats') return;
    const usage = process.cpuUsage();
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    const stats: ServerStats = {
      cpuMs: (usage.user + usage.system) / 1000,
      rssBytes: rss,
      peakRssBytes: peak,
      ...(await extra()),
    };
    if (message.resetPeak) peak = rss;
    process.send?.({ type: 'stats', id: message.id, stats } satisfies StatsReply);
  });
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
