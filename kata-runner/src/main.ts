/**
 * kata-runner entry: consumes kata test-run requests from SQS, runs the tests in a bubblewrap sandbox and
 * publishes each traffic light to the results queue. Env: see src/config.ts and README.md.
 */
import { runService } from '@pocdojo/common/runtime/run-service';
import { loadKataRunnerConfig } from './config.ts';
import { kataRunnerOptions, startKataRunner } from './kata-runner.ts';

await runService({
  name: 'kata-runner',
  loadConfig: loadKataRunnerConfig,
  draining: 'finishing running tests',
  async start(kit) {
    const runner = await startKataRunner(await kataRunnerOptions(kit));
    kit.logger.info({ port: runner.port, metrics: runner.metricsUrl }, 'kata-runner ready');
    return { stop: () => runner.stop(kit.config.KATA_SHUTDOWN_GRACE_SECONDS * 1000) };
  },
});
