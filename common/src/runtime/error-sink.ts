/**
 * Where the logger sends the errors it logs at `error` or `fatal`: nowhere
 * until error reporting starts (error-reporting.ts, with a DSN). Kept apart so
 * that every logger can call it without loading the Sentry SDK.
 */
export type ErrorSink = (error: Error, context: Record<string, string>) => void;

let sink: ErrorSink | undefined;

export function setErrorSink(next: ErrorSink | undefined): void {
  sink = next;
}

/** Passes a logged error on, with the log line's message, service, request and trace ids as context. */
export function sinkLoggedError(line: Record<string, unknown>, message: unknown, service: string): void {
  const error = line.err;
  if (!sink || !(error instanceof Error)) return;
  const context: Record<string, string> = { service };
  if (typeof message === 'string') context.log_message = message;
  for (const key of ['requestId', 'traceId', 'tenantId'] as const) {
    if (typeof line[key] === 'string') context[key] = line[key];
  }
  sink(error, context);
}
