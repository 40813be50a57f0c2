import type { Registry } from 'prom-client';
import type { ServerStats } from './server-stats.ts';

/** Bucket bounds (s) of every persist-lag histogram the benchmark reads: the engine's own. */
export const PERSIST_LAG_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5, 10, 20];

/** A prom-client histogram (`name`, in seconds) as the stats a server child reports. */
export async function persistLagStats(registry: Registry, name: string): Promise<Partial<ServerStats>> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return {};
  const { values } = (await metric.get()) as {
    values: Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
  };
  const buckets = values
    .filter((value) => value.metricName === `${name}_bucket` && value.labels.le !== '+Inf')
    .map((value) => ({ le: Number(value.labels.le), count: value.value }));
  const pick = (suffix: string) => values.find((value) => value.metricName === `${name}_${suffix}`);
  return { persistLag: { count: pick('count')?.value ?? 0, sumSeconds: pick('sum')?.value ?? 0, buckets } };
}
