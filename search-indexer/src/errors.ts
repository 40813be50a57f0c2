import { CommonProblemCode } from '@pocdojo/common/runtime/problem';

/**
 * Every error code the search indexer answers with (problem+json `code`).
 * One closed catalogue, so clients can switch on it and nothing else leaks out.
 */
export const ErrorCodes = {
  unauthenticated: CommonProblemCode.unauthenticated,
  invalidQuery: 'invalid_query',
  queryTooLong: 'query_too_long',
  engineUnavailable: 'search_engine_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
