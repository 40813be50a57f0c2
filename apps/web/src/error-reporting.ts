import type { RuntimeConfig } from './config.ts';

/**
 * Reports the app's unhandled errors (uncaught exceptions, unhandled promise
 * rejections, errors thrown from timers and event listeners) to the
 * Sentry-compatible DSN of `/config.js`; nothing without one.
 *
 * Breadcrumbs are off: they would carry console lines and request URLs, and
 * a URL can hold an invitation or reset token. No tracing, no replay, no PII.
 * The SDK loads on demand, so errors in the first moments of a page load are not reported.
 */
export async function startErrorReporting(config: RuntimeConfig): Promise<void> {
  if (!config.sentryDsn) return;
  // Loaded only when a DSN is configured: the SDK stays out of the first page load (weight.test.ts's budget).
  const {
    browserApiErrorsIntegration,
    dedupeIntegration,
    globalHandlersIntegration,
    httpContextIntegration,
    init,
    linkedErrorsIntegration,
  } = await import('@sentry/browser');
  init({
    dsn: config.sentryDsn,
    defaultIntegrations: false,
    integrations: [
      globalHandlersIntegration(),
      browserApiErrorsIntegration(),
      linkedErrorsIntegration(),
      dedupeIntegration(),
      httpContextIntegration(),
    ],
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    // The page's address without its query or fragment, where tokens travel; no Referer (another such address).
    beforeSend(event) {
      if (event.request?.url) event.request.url = event.request.url.replace(/[?#].*$/, '');
      if (event.request?.headers) {
        const { 'User-Agent': userAgent } = event.request.headers;
        event.request.headers = userAgent ? { 'User-Agent': userAgent } : {};
      }
      return event;
    },
  });
}
