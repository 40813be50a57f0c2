import { ApiError } from '../api/ApiError.ts';

/** The server's message for `field`, if `error` is a problem that names it. */
export const fieldError = (error: unknown, field: string): string | undefined =>
  error instanceof ApiError ? error.forField(field) : undefined;
