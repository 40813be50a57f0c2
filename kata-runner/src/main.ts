/**
 * kata-runner entry: consumes kata test-run requests from SQS, runs the tests in a bubblewrap sandbox and
 * publishes each traffic light to the results queue. Env: see src/config.ts and README.md.
 */
import { awsSettingsFromEnv, createSqsClient } from '@pocdojo/common/aws';
import { flushErrorReports } from '@pocdojo/common/error-reporting';
import { createLogger } from '@pocdojo/common/logger';
import { createMetricsRegistry } from '@pocdojo/common/metrics';
import { loadKataRunnerEnv } from './config.ts';
import { startKataRunner } from './kata-runner.ts';
import { makeSandbox } from './sandbox/make-sandbox.ts';
import { TestRunner } from './test-runner.ts';
import { discoverToolchains } from './toolchains/host-toolchains.ts';

const logger = createLogger('kata-runner');

try {
  const env = loadKataRunnerEnv();
  const sandbox = await makeSandbox({
    scratchDir: env.KATA_RUNNER_SCRATCH_DIR,
    bwrapPath: env.KATA_BWRAP_PATH,
    prlimitPath: env.KATA_PRLIMIT_PATH,
    firstUid: env.KATA_RUNNER_FIRST_UID,
    limits: {
      wallMs: env.KATA_WALL_SECONDS * 1000,
      cpuSeconds: env.KATA_CPU_SECONDS,
      memoryBytes: env.KATA_MEMORY_MIB,
      processes: env.KATA_PROCESSES,
      outputBytes: env.KATA_OUTPUT_KIB,
      fileBytes: env.KATA_FILE_MIB,
      workDirBytes: env.KATA_WORKDIR_MIB,
    },
  });
  if (!sandbox.usesCgroups) logger.warn('no writable cgroup: memory and processes are bounded by rlimits alone');
  const toolchains = await discoverToolchains({
    python: env.KATA_PYTHON,
    go: env.KATA_GO,
    junitConsoleJar: env.KATA_JUNIT_CONSOLE_JAR,
    cacheDir: env.KATA_RUNNER_CACHE_DIR,
    logger,
  });
  const aws = awsSettingsFromEnv({ AWS_REGION: env.AWS_REGION, AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL });
  const runner = await startKataRunner({
    sqs: createSqsClient(aws),
    requestsQueue: env.KATA_RUN_REQUESTS_QUEUE,
    resultsQueue: env.KATA_RUN_RESULTS_QUEUE,
    runner: new TestRunner(sandbox, toolchains),
    wallSeconds: env.KATA_WALL_SECONDS,
    concurrency: env.KATA_RUNNER_CONCURRENCY,
    waitTimeSeconds: env.KATA_WAIT_TIME_SECONDS,
    logger,
    registry: createMetricsRegistry('kata-runner'),
    port: env.PORT,
    metricsPort: env.METRICS_PORT,
    host: env.HOST,
    internalToken: env.INTERNAL_TOKEN,
  });
  logger.info({ port: runner.port, metrics: runner.metricsUrl }, 'kata-runner ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing running tests');
    await runner.stop(env.KATA_SHUTDOWN_GRACE_SECONDS * 1000);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'kata-runner failed to start');
  await flushErrorReports();
  process.exit(1);
}
