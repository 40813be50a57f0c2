import { createServer, type Server } from 'node:http';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { queueUrl } from '@pocdojo/common/aws';
import { RunLanguages } from '@pocdojo/common/kata-runs';
import type { Logger } from '@pocdojo/common/logger';
import { type MetricsServer, startMetricsServer } from '@pocdojo/common/metrics-server';
import { opsRoutes } from '@pocdojo/common/ops-routes';
import { problemHandler } from '@pocdojo/common/problem';
import Koa from 'koa';
import type { Registry } from 'prom-client';
import { checkRoutes } from './http/check-routes.ts';
import { DeadLetters } from './messaging/dead-letters.ts';
import { ResultPublisher } from './messaging/result-publisher.ts';
import { RunConsumer } from './messaging/run-consumer.ts';
import { RunnerMetrics } from './ops/runner-metrics.ts';
import type { TestRunner } from './test-runner.ts';

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

  let server: Server | undefined;
  if (options.port !== undefined) {
    const app = new Koa();
    const router = opsRoutes({
      sqs: async () => {
        await sqs.send(new GetQueueAttributesCommand({ QueueUrl: requestsUrl, AttributeNames: ['QueueArn'] }));
      },
      toolchains: async () => {
        const missing = RunLanguages.filter((language) => !options.runner.languages.includes(language));
        if (missing.length) throw new Error(`no toolchain for ${missing.join(', ')}`);
      },
    });
    app.use(problemHandler(logger));
    app.use(router.routes()).use(router.allowedMethods());
    if (options.internalToken) {
      // One sandbox slot past the consumer's, so a check never shares a uid with a running dojo test.
      const checks = checkRoutes({
        runner: options.runner,
        internalToken: options.internalToken,
        slot: options.concurrency,
      });
      app.use(checks.routes()).use(checks.allowedMethods());
    }
    server = await new Promise<Server>((resolve, reject) => {
      const listening = createServer(app.callback()).listen(options.port, options.host ?? '127.0.0.1', () =>
        resolve(listening),
      );
      listening.once('error', reject);
    });
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
  const address = server?.address();
  return {
    port: typeof address === 'object' && address ? address.port : undefined,
    metricsUrl: metricsServer?.url,
    async stop(graceMs: number) {
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([consumer.stop(), graceOver]);
      clearTimeout(timer);
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      await metricsServer?.close();
    },
  };
}
