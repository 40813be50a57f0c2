import * as Sentry from '@sentry/node';

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
 * process exits as Node would), and each 500 a service answers
 * ({@link reportError}, called by the problem handler). A no-op without a DSN.
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
  return true;
}

/** Reports an error the service handled as a 500 (no-op unless {@link startErrorReporting} ran with a DSN). */
export function reportError(error: unknown, context: Record<string, string | undefined> = {}): void {
  if (!Sentry.isEnabled()) return;
  Sentry.captureException(error, { tags: Object.fromEntries(Object.entries(context).filter(([, v]) => v)) });
}

/** Sends what is queued (before a deliberate exit). */
export async function flushErrorReports(timeoutMs = 2000): Promise<void> {
  if (Sentry.isEnabled()) await Sentry.flush(timeoutMs);
}
