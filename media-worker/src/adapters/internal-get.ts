import type { z } from 'zod';
import { JobError, MediaErrorCodes } from '../errors.ts';

/** How to reach another service's internal endpoints. */
export interface InternalEndpoint {
  /** Base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** Shared secret for the internal endpoints (INTERNAL_TOKEN). */
  token: string;
  /** Per-request timeout. */
  timeoutMs: number;
  fetch: typeof fetch;
}

/**
 * GET of an internal endpoint as JSON. 5xx, 408, 429 and network errors are
 * retryable JobErrors; other 4xx are not.
 */
export async function internalGet(endpoint: InternalEndpoint, path: string, signal?: AbortSignal): Promise<unknown> {
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  const url = new URL(path, endpoint.baseUrl);
  let response: Response;
  try {
    response = await endpoint.fetch(url, {
      headers: { authorization: `Bearer ${endpoint.token}`, accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new JobError(MediaErrorCodes.sourceUnavailable, `GET ${url.pathname} failed: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  if (response.status === 410) {
    throw new JobError(MediaErrorCodes.tenantErased, `GET ${url.pathname}: the team was erased`, { retryable: false });
  }
  if (!response.ok) {
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    throw new JobError(
      retryable ? MediaErrorCodes.sourceUnavailable : MediaErrorCodes.sourceRejected,
      `GET ${url.pathname} answered ${response.status}${detail ? `: ${detail}` : ''}`,
      { retryable },
    );
  }
  try {
    return await response.json();
  } catch (error) {
    throw new JobError(MediaErrorCodes.sourceUnavailable, `GET ${url.pathname} returned invalid JSON`, {
      retryable: true,
      cause: error,
    });
  }
}

/** A permanent failure for an answer that does not have the agreed shape. */
export function badShape(path: string, error: z.ZodError): JobError {
  const first = error.issues[0];
  return new JobError(
    MediaErrorCodes.sourceRejected,
    `${path} answered an unexpected shape (${first?.path.join('.') || 'body'}: ${first?.message})`,
    { retryable: false, cause: error },
  );
}
