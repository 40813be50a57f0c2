import type { Locale } from '@pocdojo/common/contracts/i18n/locales';
import type { MessageValues } from '@pocdojo/common/contracts/i18n/translator';
import { PASSWORD_MAX, PASSWORD_MIN, type PasswordViolation } from '@pocdojo/common/contracts/password-policy';
import { type FieldError, Problem } from '@pocdojo/common/runtime/problem';
import { type MessageKey, messages } from './i18n/messages.ts';

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
  mfa_enrolment_required: 403,
  mfa_code_invalid: 401,
  mfa_required_by_team: 409,
  mfa_already_enabled: 409,
  mfa_not_enabled: 409,
  /** A stored two-factor secret does not open with the configured keys: nobody is let in (fail closed). */
  mfa_unavailable: 503,
  team_deletion_scheduled: 409,
  tenant_erased: 410,
  quota_exceeded: 403,
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
  export_in_progress: 409,
  quota_rate_exceeded: 429,
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

/**
 * A client-facing problem with a code from the catalogue; its detail is the
 * message `key` (with `values`), written in the request's language when sent.
 */
export function problem(
  code: ErrorCode,
  key?: MessageKey,
  extra: Omit<ConstructorParameters<typeof Problem>[3] & object, 'detail'> & { values?: MessageValues } = {},
): Problem {
  const status = ErrorCodes[code];
  const { values, ...options } = extra;
  const detail = key ? (locale: Locale) => messages.format(locale, key, values) : undefined;
  return new Problem(status, code, titles[status] ?? 'Error', { ...options, detail });
}

/** A field error whose message is the catalogue's `key`, in the request's language when sent. */
export function fieldError(
  field: string,
  key: MessageKey,
  options: { values?: MessageValues; code?: string } = {},
): FieldError {
  return {
    field,
    message: messages.format('en', key, options.values),
    ...(options.code ? { code: options.code } : {}),
    localized: (locale) => messages.format(locale, key, options.values),
  };
}

/** The one answer for a resource of another tenant, a missing one, or one RLS hides: 404. */
export const notFound = (key: Extract<MessageKey, `notfound.${string}`>) => problem('not_found', key);

/** The password policy's verdict (a key of the catalogue) as a 400 on `field`. */
/** This catalogue's message for each verdict of the shared password policy (common/src/contracts/password-policy.ts). */
const passwordMessages: Record<PasswordViolation, MessageKey> = {
  'password.length': 'password.length',
  'password.classes': 'password.classes',
  'password.distinct': 'password.distinct',
  'password.email_name': 'password.email_name',
};

export function assertPasswordPolicy(violation: PasswordViolation | null, field: string): void {
  if (violation) {
    const values = { min: PASSWORD_MIN, max: PASSWORD_MAX };
    throw problem('validation_failed', 'password.policy', {
      errors: [fieldError(field, passwordMessages[violation], { values, code: 'password_policy' })],
    });
  }
}
