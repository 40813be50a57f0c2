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

  /** A sentence for the user: the detail when there is one, else the title. */
  get summary(): string {
    return this.detail && this.detail !== this.title ? `${this.title}: ${this.detail}` : this.title;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
