import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { type InternalEndpoint, pocExportPages, tenantMembers } from '@pocdojo/common/internal-api-client';
import type { Member, PocQuery, PocSource } from '../domain/poc-source.ts';
import { JobError, MediaErrorCodes } from '../errors.ts';
import { asJobError } from './internal-get.ts';

export interface HttpPocSourceOptions {
  /** Base URL of platform-api, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** Shared secret for the internal endpoints (INTERNAL_TOKEN). */
  token: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Upper bound on pages read for one job, against a cursor that never ends. */
  maxPages?: number;
  fetch?: typeof fetch;
}

/**
 * Reads POCs and members from platform-api's internal export
 * (`GET /internal/v1/pocs`, `GET /internal/v1/members`) with the one internal
 * client, following cursors. 5xx, 408, 429 and network errors are retryable; other 4xx are not.
 */
export class HttpPocSource implements PocSource {
  readonly #endpoint: InternalEndpoint;
  readonly #maxPages: number;

  constructor(options: HttpPocSourceOptions) {
    const { maxPages = 1000, timeoutMs = 15_000, ...endpoint } = options;
    this.#endpoint = { ...endpoint, timeoutMs };
    this.#maxPages = maxPages;
  }

  async listPocs(query: PocQuery, signal?: AbortSignal): Promise<SearchablePoc[]> {
    const pocs: SearchablePoc[] = [];
    const { ownerId, ...rest } = query;
    try {
      const pages = pocExportPages(
        this.#endpoint,
        { ...rest, ...(ownerId ? { ownerId } : {}) },
        { signal, maxPages: this.#maxPages },
      );
      for await (const page of pages) {
        for (const poc of page.items) {
          // The export is tenant-scoped; a POC of another tenant here would leak into an output.
          if (poc.tenantId !== query.tenantId) {
            throw new JobError(MediaErrorCodes.sourceRejected, `export returned a POC of another tenant (${poc.id})`, {
              retryable: false,
            });
          }
          pocs.push(poc);
        }
      }
    } catch (error) {
      throw asJobError(error);
    }
    return pocs;
  }

  async listMembers(tenantId: string, signal?: AbortSignal): Promise<Member[]> {
    try {
      return await tenantMembers(this.#endpoint, tenantId, { signal });
    } catch (error) {
      throw asJobError(error);
    }
  }
}
