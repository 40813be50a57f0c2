/** notifier's error codes, as sent in problem+json `code`. */
export const ErrorCodes = {
  unauthenticated: 'unauthenticated',
  tokenExpired: 'token_expired',
  tokenRevoked: 'token_revoked',
  forbidden: 'forbidden',
  notFound: 'not_found',
  validationFailed: 'validation_failed',
  pushUnavailable: 'push_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
