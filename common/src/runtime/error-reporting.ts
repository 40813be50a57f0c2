import * as Sentry from '@sentry/node';
import { setErrorSink } from './error-sink.ts';

export interface ErrorReportingOptions {
  service: string;
  /** A Sentry-compatible DSN; without one (the default) nothing is reported. */
  dsn?: string;
  environment?: string;
  release?: string;
}

/**
 * Reports unhandled errors to a Sentry-compatible DSN (`SENTRY_DSN`): an
 * uncaught exception or unhandled rejection of the process (reported, then the
 * process exits as Node would), and every error a service logs at `error` or
 * `fatal` — a 500 it answered, a failed start, a consumer that cannot poll —
 * with the log line's request and trace ids as tags. A no-op without a DSN.
 *
 * Only the error integrations run: no performance tracing (OpenTelemetry does
 * that), no request bodies, headers, cookies, local variables or IP addresses,
 * so no token or password leaves the process with a report.
 */
export function startErrorReporting(options: ErrorReportingOptions): boolean {
  if (!options.dsn) return false;
  Sentry.initWithoutDefaultIntegrations({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    serverName: options.service,
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    integrations: [
      Sentry.eventFiltersIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration({ mode: 'strict' }),
    ],
    initialScope: { tags: { service: options.service } },
  });
  setErrorSink((error, tags) => Sentry.captureException(error, { tags }));
  return true;
}

/** Sends what is queued (before a deliberate exit). */
export async function flushErrorReports(timeoutMs = 2000): Promise<void> {
  if (Sentry.isEnabled()) await Sentry.flush(timeoutMs);
}
