import {
  browserApiErrorsIntegration,
  dedupeIntegration,
  globalHandlersIntegration,
  httpContextIntegration,
  init,
  linkedErrorsIntegration,
} from '@sentry/browser';
import type { RuntimeConfig } from './config.ts';

/**
 * Reports the app's unhandled errors (uncaught exceptions, unhandled promise
 * rejections, errors thrown from timers and event listeners) to the
 * Sentry-compatible DSN of `/config.js`; nothing without one.
 *
 * Breadcrumbs are off: they would carry console lines and request URLs, and
 * a URL can hold an invitation or reset token. No tracing, no replay, no PII.
 */
export function startErrorReporting(config: RuntimeConfig): void {
  if (!config.sentryDsn) return;
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
