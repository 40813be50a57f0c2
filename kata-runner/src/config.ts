import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KataRunQueues } from '@pocdojo/common/contracts/kata-runs';
import { loadConfig, port } from '@pocdojo/common/runtime/config';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const mib = (min: number, max: number, fallback: number) =>
  int(min, max, fallback).transform((value) => value * 1024 * 1024);

/**
 * The runner's environment (see scripts/services.ts for what `npm start` passes). Every variable is
 * validated at start; a bad one stops the process with its name.
 */
export const configSchema = z.object({
  PORT: port(7704),
  /** Prometheus scrapes /metrics here, never on PORT. */
  METRICS_PORT: port(9305),
  /** Health and metrics listen on loopback unless told otherwise (a pod sets 0.0.0.0 for its probes). */
  HOST: z.string().min(1).default('127.0.0.1'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Emulator endpoint locally; unset in AWS. */
  AWS_ENDPOINT_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Service-to-service token: enables POST /internal/v1/check for platform-api (team katas). */
  INTERNAL_TOKEN: z.string().min(16).optional(),
  KATA_RUN_REQUESTS_QUEUE: z.string().min(1).default(KataRunQueues.requests),
  KATA_RUN_RESULTS_QUEUE: z.string().min(1).default(KataRunQueues.results),
  /** Runs at once; each keeps about one core busy while it compiles. */
  KATA_RUNNER_CONCURRENCY: int(1, 64, 2),
  /** Runs' input directories (host disk) and the Go build cache template (kept between starts). */
  KATA_RUNNER_SCRATCH_DIR: z.string().min(1).default(join(tmpdir(), 'pocdojo-kata-runner')),
  KATA_RUNNER_CACHE_DIR: z.string().min(1).default(join(tmpdir(), 'pocdojo-kata-runner-cache')),
  /** When the runner is root, runs use uids from here up (one per slot), owning nothing on the host. */
  KATA_RUNNER_FIRST_UID: int(1000, 4_000_000_000, 62_000),
  KATA_BWRAP_PATH: z.string().min(1).default('/usr/bin/bwrap'),
  KATA_PRLIMIT_PATH: z.string().min(1).default('/usr/bin/prlimit'),
  KATA_PYTHON: z.string().min(1).default('python3'),
  KATA_GO: z.string().min(1).default('go'),
  KATA_JUNIT_CONSOLE_JAR: z.string().min(1).default('/usr/share/java/junit-platform-console-standalone.jar'),
  /** Limits of one run (see src/sandbox/sandbox.ts). */
  KATA_WALL_SECONDS: int(1, 300, 20),
  KATA_CPU_SECONDS: int(1, 300, 15),
  KATA_MEMORY_MIB: mib(64, 16_384, 768),
  KATA_PROCESSES: int(16, 4096, 256),
  KATA_OUTPUT_KIB: int(4, 16_384, 256).transform((value) => value * 1024),
  KATA_FILE_MIB: mib(1, 4096, 32),
  KATA_WORKDIR_MIB: mib(16, 16_384, 256),
  /** Long-poll wait; also bounds how long a stop waits for the last poll. */
  KATA_WAIT_TIME_SECONDS: int(0, 20, 20),
  /** On SIGTERM, how long running tests may finish before they are handed back. */
  KATA_SHUTDOWN_GRACE_SECONDS: int(0, 600, 25),
});
export type KataRunnerConfig = z.infer<typeof configSchema>;

export function loadKataRunnerConfig(env: Record<string, string | undefined> = process.env): KataRunnerConfig {
  return loadConfig('kata-runner', configSchema, env);
}
