import { CommonProblemCode } from '@pocdojo/common/runtime/problem';

/**
 * Every problem code the dojo engine's HTTP routes answer with (problem+json
 * `code`), besides the codes of a refused access token
 * (TokenError's `token_expired`, `token_invalid`). One closed catalogue, so clients can switch on it.
 */
export const EngineProblemCode = {
  unauthenticated: CommonProblemCode.unauthenticated,
  notFound: CommonProblemCode.notFound,
  invalidRequest: 'invalid_request',
  dojoNotFound: 'dojo_not_found',
  rateLimited: 'rate_limited',
} as const;
export type EngineProblemCode = (typeof EngineProblemCode)[keyof typeof EngineProblemCode];
