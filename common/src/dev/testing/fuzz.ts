/**
 * The budget of a property-based fuzz suite. `npm test` runs every suite with
 * its small default and a fixed seed, so CI is reproducible; `npm run fuzz`
 * (scripts/fuzz.ts) sets FUZZ_RUNS to a large budget and FUZZ_SEED to a new
 * seed it prints. Replay any run with the same FUZZ_SEED (and FUZZ_RUNS).
 */
export interface FuzzBudget {
  numRuns: number;
  seed: number;
}

/** The fixed seed of the small CI budget. */
export const CI_SEED = 20_261_201;

export function fuzzBudget(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): FuzzBudget {
  const runs = Number(env.FUZZ_RUNS);
  const seed = Number(env.FUZZ_SEED);
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
    seed: Number.isInteger(seed) ? seed : CI_SEED,
  };
}

/** One line with a suite's figures, for the closing note of a large run. */
export function fuzzReport(name: string, budget: FuzzBudget, startedAt: number, failures: number): string {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  return `[fuzz] ${name}: ${budget.numRuns} runs, seed ${budget.seed}, ${seconds} s, ${failures} failure(s)`;
}
