import type { MessageValues } from '@pocdojo/common/contracts/i18n/translator';
import type { ErrorCode } from '../errors.ts';
import type { MessageKey } from '../i18n/messages.ts';

/**
 * A refusal decided by domain code (a limit reached, an account gone): a code
 * of the error catalogue and the message explaining it. Domain code knows no
 * HTTP; the HTTP layer maps it to a problem (domainErrors middleware), whose
 * status the catalogue gives.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly values?: MessageValues;
  /** What a client needs to act on it (Retry-After), sent as response headers. */
  readonly headers?: Record<string, string>;
  /** Facts the client may read (a quota's `limit` and `value`), sent as problem extension members. */
  readonly extensions?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    key: MessageKey,
    options: { values?: MessageValues; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'DomainError';
    this.code = code;
    this.key = key;
    this.values = options.values;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}
