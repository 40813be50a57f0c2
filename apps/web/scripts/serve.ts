/**
 * `npm start` entry of the web app: builds the bundle if dist/ is missing or
 * stale, then serves it with `/config.js` generated from the environment.
 *
 * Env: PORT (8080), HOST (127.0.0.1), API_URL and ENGINE_URL (required), NOTIFIER_URL,
 * WEB_SENTRY_DSN (where the browser reports its unhandled errors; none by default).
 */
import { listenHost, loadConfig, port } from '@pocdojo/common/config';
import { createLogger } from '@pocdojo/common/logger';
import { distDir, ensureBuilt } from './build.ts';
import { runtimeConfigEnv, runtimeConfigFrom } from './runtime-config.ts';
import { startWebServer } from './static-server.ts';

const logger = createLogger('web');
const env = loadConfig('web', runtimeConfigEnv.extend({ PORT: port(8080), HOST: listenHost() }));

const started = Date.now();
if (await ensureBuilt()) logger.info({ ms: Date.now() - started }, 'built the bundle');
const { server, url } = await startWebServer({
  dir: distDir,
  port: env.PORT,
  host: env.HOST,
  config: runtimeConfigFrom(env),
  logger,
});
logger.info({ url }, `web app at ${url}`);

const stop = () => {
  logger.info('stopping');
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
