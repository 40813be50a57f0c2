/**
 * media-worker entry: consumes media jobs (reports, yearly videos) from SQS,
 * renders them and stores the output in S3. Env: see src/config.ts and README.md.
 */
import { runService } from '@pocdojo/common/runtime/run-service';
import { loadMediaWorkerConfig } from './config.ts';
import { mediaWorkerOptions, startMediaWorker } from './media-worker.ts';

await runService({
  name: 'media-worker',
  loadConfig: loadMediaWorkerConfig,
  draining: 'finishing or handing back running jobs',
  async start(kit) {
    const worker = await startMediaWorker(mediaWorkerOptions(kit));
    kit.logger.info({ host: kit.config.HOST, port: worker.port, metrics: worker.metricsUrl }, 'media-worker ready');
    return { stop: () => worker.stop(kit.config.MEDIA_SHUTDOWN_GRACE_SECONDS * 1000) };
  },
});
