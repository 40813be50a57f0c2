import {
  internalGet as getInternal,
  InternalApiError,
  type InternalEndpoint,
} from '@pocdojo/common/runtime/internal-api-client';
import type { z } from 'zod';
import { JobError, MediaErrorCodes } from '../errors.ts';

export type { InternalEndpoint };

/**
 * A failed internal call as the job sees it: retryable failures (unreachable,
 * 5xx, 408, 429, invalid JSON) are `source_unavailable`, the others
 * (refused, unexpected shape) `source_rejected`. Anything else passes as it is.
 */
export function asJobError(error: unknown): unknown {
  if (!(error instanceof InternalApiError)) return error;
  // The team was erased: the job is dropped, never failed or dead-lettered (which would keep its data).
  if (error.status === 410) {
    return new JobError(MediaErrorCodes.tenantErased, error.message, { retryable: false, cause: error });
  }
  return new JobError(
    error.retryable ? MediaErrorCodes.sourceUnavailable : MediaErrorCodes.sourceRejected,
    error.message,
    { retryable: error.retryable, cause: error },
  );
}

/** GET of an internal endpoint, its answer checked against `schema`; failures are JobErrors. */
export async function internalGet<T>(
  endpoint: InternalEndpoint,
  path: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await getInternal(endpoint, path, schema, { signal });
  } catch (error) {
    throw asJobError(error);
  }
}
