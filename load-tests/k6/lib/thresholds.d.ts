/** Types of thresholds.js (plain JavaScript so that k6 can run it). */
export declare const dojoThresholds: Record<string, string[]>;
export declare const platformThresholds: Record<string, string[]>;
export declare function evaluateThresholds(
  values: Record<string, number>,
  expressions: string[],
): Record<string, { ok: boolean }>;
