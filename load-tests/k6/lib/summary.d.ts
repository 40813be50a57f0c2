/** Types of summary.js (plain JavaScript so that k6 can run it). */
export interface SummaryMetric {
  type: 'trend' | 'counter' | 'rate' | 'gauge';
  contains?: 'time' | 'default';
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}
export interface SummaryData {
  metrics: Record<string, SummaryMetric>;
  root_group?: { checks: Array<{ name: string; passes: number; fails: number }>; groups: unknown[] };
  state?: { testRunDurationMs: number };
}
export declare function thresholdsPassed(data: SummaryData): boolean;
export declare function textSummary(data: SummaryData, title?: string): string;
export declare function summaryOutputs(data: SummaryData, title: string, prefix: string): Record<string, string>;
