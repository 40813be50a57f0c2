import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import {
  type CurrentMemberAnswer,
  currentMemberSchema,
  type TenantMember,
  tenantMembersSchema,
} from './contracts/members.ts';
import {
  PocExportLimits,
  type PocExportPage,
  type PocExportQuery,
  pocExportPageSchema,
} from './contracts/poc-export.ts';

/** How to reach another service's internal endpoints (`/internal/…`). */
export interface InternalEndpoint {
  /** Base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** The shared internal secret (INTERNAL_TOKEN). */
  token: string;
  /** Per-request timeout; none when absent. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** What a call may add: the caller's cancellation, and attempts on retryable failures (with backoff). */
export interface InternalCallOptions {
  signal?: AbortSignal;
  /** Attempts in all, waiting 250 ms, 500 ms, 1 s… between them; 1 (no retry) by default. */
  attempts?: number;
}

/**
 * An internal call that failed. `retryable`: the service was unreachable or
 * answered 5xx, 408 or 429, or sent something that is not JSON; a later attempt
 * may succeed. Otherwise the request or the answer is wrong (401, 404, an
 * unexpected shape) and retrying will not help. `status` is the HTTP status when there was one.
 */
export class InternalApiError extends Error {
  readonly retryable: boolean;
  readonly status: number | null;
  constructor(message: string, options: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'InternalApiError';
    this.retryable = options.retryable;
    this.status = options.status ?? null;
  }
}

/** GET of an internal endpoint, its JSON answer checked against `schema`. */
export async function internalGet<T>(
  endpoint: InternalEndpoint,
  path: string,
  schema: z.ZodType<T>,
  options: InternalCallOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(endpoint, path, schema, options.signal);
    } catch (error) {
      if (!(error instanceof InternalApiError) || !error.retryable || attempt >= attempts) throw error;
      await sleep(250 * 2 ** (attempt - 1), undefined, { signal: options.signal });
    }
  }
}

async function getOnce<T>(endpoint: InternalEndpoint, path: string, schema: z.ZodType<T>, signal?: AbortSignal) {
  const url = new URL(path, endpoint.baseUrl);
  const timeout = endpoint.timeoutMs === undefined ? undefined : AbortSignal.timeout(endpoint.timeoutMs);
  const signals = [signal, timeout].filter((s) => s !== undefined);
  let response: Response;
  try {
    response = await (endpoint.fetch ?? globalThis.fetch)(url, {
      headers: { authorization: `Bearer ${endpoint.token}`, accept: 'application/json' },
      ...(signals.length > 0 ? { signal: AbortSignal.any(signals) } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new InternalApiError(`GET ${url.pathname} failed: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  if (!response.ok) {
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    throw new InternalApiError(`GET ${url.pathname} answered ${response.status}${detail ? `: ${detail}` : ''}`, {
      retryable,
      status: response.status,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new InternalApiError(`GET ${url.pathname} returned invalid JSON`, { retryable: true, cause: error });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InternalApiError(
      `${url.pathname} answered an unexpected shape (${first?.path.join('.') || 'body'}: ${first?.message})`,
      { retryable: false, status: response.status, cause: parsed.error },
    );
  }
  return parsed.data;
}

/**
 * Reads platform-api's POC export (contracts/poc-export.ts) page by page, following
 * the cursor; the largest pages unless `query.limit` says otherwise. Stops with an
 * error after `maxPages`, against a cursor that never ends.
 */
export async function* pocExportPages(
  endpoint: InternalEndpoint,
  query: Omit<PocExportQuery, 'cursor'>,
  options: InternalCallOptions & { maxPages?: number } = {},
): AsyncGenerator<PocExportPage> {
  let cursor: string | null = null;
  for (let page = 0; page < (options.maxPages ?? Number.POSITIVE_INFINITY); page++) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ limit: PocExportLimits.maxPageSize, ...query }))
      if (value !== undefined && value !== null) params.set(key, String(value));
    if (cursor) params.set('cursor', cursor);
    const body = await internalGet(endpoint, `/internal/v1/pocs?${params}`, pocExportPageSchema, options);
    yield body;
    cursor = body.nextCursor;
    if (!cursor) return;
  }
  throw new InternalApiError(`the POC export did not end after ${options.maxPages} pages`, { retryable: false });
}

/** A tenant's members (`GET /internal/v1/members`). */
export async function tenantMembers(
  endpoint: InternalEndpoint,
  tenantId: string,
  options?: InternalCallOptions,
): Promise<TenantMember[]> {
  const path = `/internal/v1/members?${new URLSearchParams({ tenantId })}`;
  return (await internalGet(endpoint, path, tenantMembersSchema, options)).items;
}

/** A member's role and token version now (`GET /internal/v1/members/{userId}`); null when not in the team. */
export async function currentMember(
  endpoint: InternalEndpoint,
  tenantId: string,
  userId: string,
  options?: InternalCallOptions,
): Promise<CurrentMemberAnswer | null> {
  const path = `/internal/v1/members/${encodeURIComponent(userId)}?${new URLSearchParams({ tenantId })}`;
  try {
    return await internalGet(endpoint, path, currentMemberSchema, options);
  } catch (error) {
    if (error instanceof InternalApiError && error.status === 404) return null;
    throw error;
  }
}
