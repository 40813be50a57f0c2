import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { RunLanguages } from '@pocdojo/common/contracts/kata-runs';
import { awsSettingsFromEnv, createSqsClient, queueUrl } from '@pocdojo/common/runtime/aws';
import { type HttpServer, listenHttp } from '@pocdojo/common/runtime/http-server';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { type MetricsServer, startMetricsServer } from '@pocdojo/common/runtime/metrics-server';
import type { ServiceKit } from '@pocdojo/common/runtime/run-service';
import { serviceApp } from '@pocdojo/common/runtime/service-app';
import type { Registry } from 'prom-client';
import type { KataRunnerConfig } from './config.ts';
import { checkRoutes } from './http/check-routes.ts';
import { DeadLetters } from './messaging/dead-letters.ts';
import { ResultPublisher } from './messaging/result-publisher.ts';
import { RunConsumer } from './messaging/run-consumer.ts';
import { RunnerMetrics } from './ops/runner-metrics.ts';
import { makeSandbox } from './sandbox/make-sandbox.ts';
import { TestRunner } from './test-runner.ts';
import { discoverToolchains } from './toolchains/host-toolchains.ts';

/** Everything the runner needs, already built: main.ts makes it from the env, tests from their fixtures. */
export interface KataRunnerOptions {
  sqs: SQSClient;
  requestsQueue: string;
  resultsQueue: string;
  runner: TestRunner;
  /** Wall limit of one run, so that a request stays invisible while it runs. */
  wallSeconds: number;
  concurrency: number;
  waitTimeSeconds: number;
  logger: Logger;
  registry: Registry;
  /** Port for /healthz and /readyz; omit to run without HTTP (tests). */
  port?: number;
  /** Port of the Prometheus /metrics server; none when unset. */
  metricsPort?: number;
  host?: string;
  /** Enables `POST /internal/v1/check` (platform-api checks a team kata's starters) for this bearer token. */
  internalToken?: string;
}

export interface KataRunner {
  readonly port: number | undefined;
  /** http://host:port/metrics when `metricsPort` was given. */
  readonly metricsUrl: string | undefined;
  /** Stops consuming, lets running tests finish within `graceMs`, then closes the HTTP server. */
  stop(graceMs: number): Promise<void>;
}

/** The runner's parts as the environment names them (main.ts): the sandbox and the host's toolchains. */
export async function kataRunnerOptions({
  config,
  logger,
  registry,
}: ServiceKit<KataRunnerConfig>): Promise<KataRunnerOptions> {
  const sandbox = await makeSandbox({
    scratchDir: config.KATA_RUNNER_SCRATCH_DIR,
    bwrapPath: config.KATA_BWRAP_PATH,
    prlimitPath: config.KATA_PRLIMIT_PATH,
    firstUid: config.KATA_RUNNER_FIRST_UID,
    limits: {
      wallMs: config.KATA_WALL_SECONDS * 1000,
      cpuSeconds: config.KATA_CPU_SECONDS,
      memoryBytes: config.KATA_MEMORY_MIB,
      processes: config.KATA_PROCESSES,
      outputBytes: config.KATA_OUTPUT_KIB,
      fileBytes: config.KATA_FILE_MIB,
      workDirBytes: config.KATA_WORKDIR_MIB,
    },
  });
  if (!sandbox.usesCgroups) logger.warn('no writable cgroup: memory and processes are bounded by rlimits alone');
  const toolchains = await discoverToolchains({
    python: config.KATA_PYTHON,
    go: config.KATA_GO,
    junitConsoleJar: config.KATA_JUNIT_CONSOLE_JAR,
    cacheDir: config.KATA_RUNNER_CACHE_DIR,
    logger,
  });
  const aws = awsSettingsFromEnv({ AWS_REGION: config.AWS_REGION, AWS_ENDPOINT_URL: config.AWS_ENDPOINT_URL });
  return {
    sqs: createSqsClient(aws),
    requestsQueue: config.KATA_RUN_REQUESTS_QUEUE,
    resultsQueue: config.KATA_RUN_RESULTS_QUEUE,
    runner: new TestRunner(sandbox, toolchains),
    wallSeconds: config.KATA_WALL_SECONDS,
    concurrency: config.KATA_RUNNER_CONCURRENCY,
    waitTimeSeconds: config.KATA_WAIT_TIME_SECONDS,
    logger,
    registry,
    port: config.PORT,
    metricsPort: config.METRICS_PORT,
    host: config.HOST,
    internalToken: config.INTERNAL_TOKEN,
  };
}

export async function startKataRunner(options: KataRunnerOptions): Promise<KataRunner> {
  const { sqs, logger } = options;
  const requestsUrl = await queueUrl(sqs, options.requestsQueue);
  const resultsUrl = await queueUrl(sqs, options.resultsQueue);
  const metrics = new RunnerMetrics(options.registry);
  const consumer = new RunConsumer({
    sqs,
    queueUrl: requestsUrl,
    concurrency: options.concurrency,
    visibilityTimeoutSeconds: options.wallSeconds + 30,
    waitTimeSeconds: options.waitTimeSeconds,
    runner: options.runner,
    publisher: new ResultPublisher(sqs, resultsUrl),
    deadLetters: await DeadLetters.of(sqs, requestsUrl, options.requestsQueue),
    metrics,
    logger,
  });

  let http: HttpServer | undefined;
  if (options.port !== undefined) {
    const app = serviceApp(logger, {
      sqs: async () => {
        await sqs.send(new GetQueueAttributesCommand({ QueueUrl: requestsUrl, AttributeNames: ['QueueArn'] }));
      },
      toolchains: async () => {
        const missing = RunLanguages.filter((language) => !options.runner.languages.includes(language));
        if (missing.length) throw new Error(`no toolchain for ${missing.join(', ')}`);
      },
    });
    if (options.internalToken) {
      // One sandbox slot past the consumer's, so a check never shares a uid with a running dojo test.
      const checks = checkRoutes({
        runner: options.runner,
        internalToken: options.internalToken,
        slot: options.concurrency,
      });
      app.use(checks.routes()).use(checks.allowedMethods());
    }
    http = await listenHttp(app.callback(), { port: options.port, host: options.host });
  }
  const metricsServer: MetricsServer | undefined =
    options.metricsPort === undefined
      ? undefined
      : await startMetricsServer(options.registry, { port: options.metricsPort, host: options.host ?? '127.0.0.1' });
  consumer.start();
  logger.info(
    { queue: options.requestsQueue, concurrency: options.concurrency, languages: options.runner.languages },
    'kata runner consuming',
  );
  return {
    port: http?.port,
    metricsUrl: metricsServer?.url,
    async stop(graceMs: number) {
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([consumer.stop(), graceOver]);
      clearTimeout(timer);
      await http?.close();
      await metricsServer?.close();
    },
  };
}
