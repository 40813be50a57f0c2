import { Problem } from '@pocdojo/common/problem';

/** Every error code platform-api answers with, and its HTTP status. */
export const ErrorCodes = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  token_expired: 401,
  token_invalid: 401,
  invalid_credentials: 401,
  refresh_token_invalid: 401,
  refresh_token_reused: 401,
  token_revoked: 401,
  forbidden: 403,
  link_invalid: 410,
  invitation_email_mismatch: 409,
  not_found: 404,
  slug_taken: 409,
  email_taken: 409,
  last_owner: 409,
  member_has_pocs: 409,
  version_conflict: 412,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  dojo_not_finished: 409,
  dojo_already_saved: 409,
  dojo_never_held: 409,
  search_unavailable: 503,
  dojo_engine_unavailable: 503,
  kata_runner_unavailable: 503,
  database_unavailable: 503,
  transaction_conflict: 503,
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** A client-facing problem with a code from the catalogue. */
export function problem(
  code: ErrorCode,
  detail?: string,
  extra: Omit<ConstructorParameters<typeof Problem>[3] & object, 'detail'> = {},
): Problem {
  const status = ErrorCodes[code];
  return new Problem(status, code, titles[status] ?? 'Error', { ...extra, detail });
}

/** The one answer for a resource of another tenant, a missing one, or one RLS hides: 404. */
export const notFound = (what: string) => problem('not_found', `${what} not found`);

/** The password policy's verdict as a 400 on `field`. */
export function assertPasswordPolicy(violation: string | null, field: string): void {
  if (violation) {
    throw problem('validation_failed', 'The password does not meet the policy', {
      errors: [{ field, message: violation, code: 'password_policy' }],
    });
  }
}
