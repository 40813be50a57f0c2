// The pass/fail bounds of the load scenarios, in plain JavaScript with no imports: k6/load.js hands
// them to k6 as `thresholds`, and the Node harness (src/load.ts) evaluates the very same ones.

/** Thresholds of the dojo scenario (k6 metric → expressions). */
export const dojoThresholds = {
  dojo_keystroke_to_peer: ['p(99)<100', 'p(95)<50'],
  dojo_keystrokes_missing: ['count==0'],
  dojo_server_errors: ['count==0'],
  dojo_join_success: ['rate>0.99'],
  'checks{kind:dojo}': ['rate>0.99'],
};

/** Thresholds of the platform-API scenario. */
export const platformThresholds = {
  platform_poc_write: ['p(95)<500'],
  platform_search: ['p(95)<300'],
  'http_req_failed{kind:platform}': ['rate<0.01'],
  'checks{kind:platform}': ['rate>0.99'],
};

const OPERATORS = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * Evaluates k6 threshold expressions (`stat op number`, e.g. `p(99)<100`, `count==0`) on a
 * metric's summary values, as k6 does at the end of a run: `{ [expression]: { ok } }`.
 */
export function evaluateThresholds(values, expressions) {
  const results = {};
  for (const expression of expressions) {
    const match = /^\s*([a-z]+(?:\(\d+(?:\.\d+)?\))?)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expression);
    if (!match) throw new Error(`unsupported threshold expression: ${expression}`);
    const value = values[match[1]];
    results[expression] = { ok: typeof value === 'number' && OPERATORS[match[2]](value, Number(match[3])) };
  }
  return results;
}
