import { context, propagation, trace } from '@opentelemetry/api';
import { type DestinationStream, type Logger, pino } from 'pino';
import { sinkLoggedError } from './error-sink.ts';
import { REQUEST_ID_BAGGAGE } from './message-tracing.ts';

export type { Logger };

/**
 * Structured JSON logs (pino) with the service name on every line.
 * `LOG_LEVEL` sets the level; tests default to `silent` unless LOG_LEVEL is set.
 * A line written inside a traced span carries `traceId` and `spanId`, and the
 * `requestId` of the HTTP request that started the trace, in whichever service
 * the line is written (see tracing.ts). A line at `error` or `fatal` carrying
 * an `err` is also reported as an error (error-reporting.ts, with `SENTRY_DSN`).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? defaultLevel(),
  destination?: DestinationStream,
): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceFields,
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['error']>, method: (...a: unknown[]) => void, level: number) {
        if (level >= 50 && typeof args[0] === 'object' && args[0] !== null) {
          sinkLoggedError({ ...traceFields(), ...(args[0] as Record<string, unknown>) }, args[1], service);
        }
        method.apply(this, args);
      },
    },
    redact: {
      paths: ['req.headers.authorization', 'password', '*.password', 'refreshToken', '*.refreshToken', 'ticket'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

function defaultLevel(): string {
  return process.env.NODE_ENV === 'test' ? 'silent' : 'info';
}

function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  if (!span || !trace.isSpanContextValid(span)) return {};
  const requestId = propagation.getBaggage(context.active())?.getEntry(REQUEST_ID_BAGGAGE)?.value;
  return { traceId: span.traceId, spanId: span.spanId, ...(requestId ? { requestId } : {}) };
}
