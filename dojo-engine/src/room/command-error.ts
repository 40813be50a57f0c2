import type { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';

/** A refused client request: the code and message go back to the client in an `error` message. */
export class CommandError extends Error {
  readonly code: DojoErrorCode;
  constructor(code: DojoErrorCode, message: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
  }
}
