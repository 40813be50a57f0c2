/**
 * Loaded before a service with `node --import @pocdojo/common/instrument
 * <service>/src/main.ts` (the images and `npm start` do so): starts tracing and
 * error reporting from the environment before any module that gets
 * instrumented is imported. `OTEL_SERVICE_NAME` names the service; by default
 * it is the folder of the entry file (platform-api, media-worker, …).
 */
import { startErrorReporting } from './error-reporting.ts';
import { startTracing } from './tracing.ts';

const parts = (process.argv[1] ?? '').split(/[\\/]/);
const service = process.env.OTEL_SERVICE_NAME || parts[parts.lastIndexOf('src') - 1] || 'pocdojo';

startErrorReporting({
  service,
  dsn: process.env.SENTRY_DSN,
  environment: process.env.SENTRY_ENVIRONMENT,
  release: process.env.SENTRY_RELEASE,
});
startTracing({ service });
