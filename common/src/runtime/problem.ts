import type { Context, Next } from 'koa';
import { commonMessages } from '../contracts/i18n/common-messages.ts';
import type { Locale } from '../contracts/i18n/locales.ts';
import { negotiateLocale } from '../contracts/i18n/negotiate-locale.ts';
import type { Logger } from './logger.ts';

/**
 * The problem codes every service shares: those problemHandler answers with
 * itself, and the one code of a 401 (clients branch on `unauthenticated`).
 * Each service's own catalogue adds its codes beside these.
 */
export const CommonProblemCode = {
  badRequest: 'bad_request',
  invalidJson: 'invalid_json',
  unauthenticated: 'unauthenticated',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  internal: 'internal',
} as const;
export type CommonProblemCode = (typeof CommonProblemCode)[keyof typeof CommonProblemCode];

/** Text written when the reader's language is known: a message of a catalogue, formatted for `locale`. */
export type LocalizedText = (locale: Locale) => string;

/** One field-level validation error, as carried in a problem's `errors`. */
export interface FieldError {
  /** JSON Pointer-ish dotted path of the offending field (`tags.3`), or `''` for the body itself. */
  field: string;
  message: string;
  code?: string;
  /** The message in the reader's language; replaces `message` when the problem is sent. */
  localized?: LocalizedText;
}

/**
 * An RFC 9457 problem. Everything on it is meant for the client: `detail` must
 * never carry internals. Unexpected errors are logged and answered with a bare 500.
 */
export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  /** The detail in the reader's language, when it comes from a message catalogue. */
  readonly localizedDetail?: LocalizedText;
  /** RFC 9457 extension members the client may read (a quota problem's `limit` and `value`). */
  readonly extensions?: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    title: string,
    options: {
      detail?: string | LocalizedText;
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    const detail = typeof options.detail === 'function' ? options.detail('en') : options.detail;
    super(detail ?? title, { cause: options.cause });
    if (typeof options.detail === 'function') this.localizedDetail = options.detail;
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The language of this response: the one negotiated for the request, else what the client accepts. */
export function responseLocale(ctx: Context): Locale {
  ctx.state.locale ??= negotiateLocale({ acceptLanguage: ctx.get('accept-language') });
  return ctx.state.locale as Locale;
}

/**
 * Writes `problem` as the response body, its detail and field messages in the
 * request's language (`Content-Language` says which). `title` stays the
 * English reason phrase, and `code` is what clients branch on.
 */
export function sendProblem(ctx: Context, problem: Problem): void {
  const locale = responseLocale(ctx);
  ctx.status = problem.status;
  for (const [name, value] of Object.entries(problem.headers ?? {})) ctx.set(name, value);
  ctx.type = PROBLEM_CONTENT_TYPE;
  ctx.set('Content-Language', locale);
  const detail = problem.localizedDetail ? problem.localizedDetail(locale) : problem.message;
  const errors = problem.errors?.map(({ localized, ...error }) =>
    localized ? { ...error, message: localized(locale) } : error,
  );
  ctx.body = {
    type: `https://pocdojo.dev/problems/${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.localizedDetail || problem.message !== problem.title ? { detail } : {}),
    instance: ctx.path,
    ...(errors ? { errors } : {}),
    ...problem.extensions,
    ...(ctx.state.requestId ? { requestId: ctx.state.requestId } : {}),
  };
}

/**
 * Koa middleware turning every error (and every unmatched route) into
 * application/problem+json. Errors from Koa's own body parsers (`status` +
 * `expose`) keep their status; anything else is a logged 500 with no details.
 */
export function problemHandler(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        const values = { method: ctx.method, path: ctx.path };
        throw new Problem(404, CommonProblemCode.notFound, 'Not Found', {
          detail: (locale) => commonMessages.format(locale, 'problem.no_route', values),
        });
      }
      if (ctx.status === 405 && ctx.body === undefined) {
        throw new Problem(405, CommonProblemCode.methodNotAllowed, 'Method Not Allowed');
      }
    } catch (error) {
      sendProblem(ctx, toProblem(error, ctx, logger));
    }
  };
}

function toProblem(error: unknown, ctx: Context, logger: Logger): Problem {
  if (error instanceof Problem) return error;
  const e = error as { status?: number; expose?: boolean; message?: string; type?: string };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.status === 413) return new Problem(413, CommonProblemCode.payloadTooLarge, 'Payload Too Large');
    if (e.status === 415) return new Problem(415, CommonProblemCode.unsupportedMediaType, 'Unsupported Media Type');
    if (e.status === 400 && e.type === 'entity.parse.failed') {
      return new Problem(400, CommonProblemCode.invalidJson, 'Bad Request', {
        detail: (locale) => commonMessages.format(locale, 'problem.invalid_json'),
      });
    }
    const detail = e.expose && e.message ? e.message : undefined;
    return new Problem(e.status, CommonProblemCode.badRequest, 'Bad Request', { detail });
  }
  logger.error({ err: error, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
  return new Problem(500, CommonProblemCode.internal, 'Internal Server Error');
}
