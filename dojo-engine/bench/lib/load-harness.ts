/**
 * The dojo load harness, imported by name as `@pocdojo/dojo-engine/load`: the engine's benchmark and
 * `load-tests` (its Node harness and the tests of the k6 scripts' wire code) drive the engine with the
 * same load client, workload, engine launcher and report, so there is one of each.
 */
export { DojoLoadClient } from './dojo-load-client.ts';
export { BENCH_FILE, DojoTarget, type DojoTargetOptions } from './dojo-target.ts';
export { type LocalDojoEngines, startLocalDojoEngines } from './local-dojo-engines.ts';
export { measure } from './measure.ts';
export { benchCommand, lightKeystrokes, parseBenchOptions } from './options.ts';
export type { TargetReport } from './report.ts';
