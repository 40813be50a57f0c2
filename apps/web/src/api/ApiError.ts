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
    this.title = body.title ?? (status === 0 ? 'The server could not be reached' : `Request failed (${status})`);
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }

  /** Message for one form field (`field` or a nested path under it), if the server named it. */
  forField(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }

  /**
   * A sentence for the user: the server's detail when there is one, else its
   * title, unless that is only the HTTP reason phrase ("Bad Request"), which
   * says nothing to a person: then a plain sentence for the status.
   */
  get summary(): string {
    if (this.detail) return this.detail;
    if (!HTTP_REASON_PHRASES.has(this.title.toLowerCase()) && !this.title.startsWith('Request failed'))
      return this.title;
    return plainStatusMessage(this.status);
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

function plainStatusMessage(status: number): string {
  if (status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (status === 400 || status === 422) return 'Some of what you entered could not be accepted. Check the form.';
  if (status === 401) return 'Your session has ended. Please log in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'This could not be found. It may have been deleted.';
  if (status === 409 || status === 412) return 'Someone else changed this in the meantime. Reload and try again.';
  if (status === 413) return 'That is too large.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return 'That did not work. Please try again.';
}
