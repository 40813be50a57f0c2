/** One field-level message of a problem (RFC 9457 `errors` extension used by platform-api). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An `application/problem+json` answer, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  constructor(
    status: number,
    body: { code?: string; title?: string; detail?: string; errors?: FieldProblem[] },
    options?: { cause?: unknown },
  ) {
    super(body.detail ?? body.title ?? `HTTP ${status}`, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network_error' : `http_${status}`);
    this.title = body.title ?? `Request failed (${status})`;
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }

  /** Message for one form field (`field` or a nested path under it), if the server named it. */
  forField(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }

  /**
   * The server's sentence for the user: its detail when there is one, else its
   * title unless that is only the HTTP reason phrase ("Bad Request"), which
   * says nothing to a person. Null then: the page says something plain for the status.
   */
  get serverSummary(): string | null {
    if (this.detail) return this.detail;
    if (!HTTP_REASON_PHRASES.has(this.title.toLowerCase()) && !this.title.startsWith('Request failed'))
      return this.title;
    return null;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** Reason phrases servers put in `title`: jargon to a user. */
const HTTP_REASON_PHRASES = new Set(
  [
    'Bad Request',
    'Unauthorized',
    'Forbidden',
    'Not Found',
    'Method Not Allowed',
    'Conflict',
    'Gone',
    'Precondition Failed',
    'Precondition Required',
    'Payload Too Large',
    'Content Too Large',
    'Unsupported Media Type',
    'Unprocessable Entity',
    'Unprocessable Content',
    'Too Many Requests',
    'Internal Server Error',
    'Bad Gateway',
    'Service Unavailable',
    'Gateway Timeout',
  ].map((p) => p.toLowerCase()),
);

/** Which plain sentence a failure without the server's own words gets (see `problem.status.*` in the catalogues). */
export function statusKind(
  status: number,
):
  | 'unreachable'
  | 'invalid'
  | 'signed_out'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'too_many'
  | 'server'
  | 'other' {
  if (status === 0) return 'unreachable';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'signed_out';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 429) return 'too_many';
  if (status >= 500) return 'server';
  return 'other';
}
