import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino) with the service name on every line.
 * `LOG_LEVEL` sets the level; tests default to `silent` unless LOG_LEVEL is set.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? defaultLevel()): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'password', '*.password', 'refreshToken', '*.refreshToken', 'ticket'],
      censor: '[redacted]',
    },
  });
}

function defaultLevel(): string {
  return process.env.NODE_ENV === 'test' ? 'silent' : 'info';
}
