import { type SearchablePoc, searchablePocSchema } from '@pocdojo/common/contracts/poc';
import { z } from 'zod';
import type { Member, PocQuery, PocSource } from '../domain/poc-source.ts';
import { JobError, MediaErrorCodes } from '../errors.ts';
import { badShape, internalGet } from './internal-get.ts';

const pageSchema = z.object({ items: z.array(searchablePocSchema), nextCursor: z.string().nullable() });
const membersSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() })),
});

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

/** Page size asked of the export; its maximum. */
const PAGE_SIZE = 1000;

/**
 * Reads POCs and members from platform-api's internal export
 * (`GET /internal/v1/pocs`, `GET /internal/v1/members`), following cursors.
 * 5xx, 408, 429 and network errors are retryable; other 4xx are not.
 */
export class HttpPocSource implements PocSource {
  readonly #options: Required<Omit<HttpPocSourceOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(options: HttpPocSourceOptions) {
    this.#options = { timeoutMs: 15_000, maxPages: 1000, fetch: globalThis.fetch, ...options };
  }

  async listPocs(query: PocQuery, signal?: AbortSignal): Promise<SearchablePoc[]> {
    const pocs: SearchablePoc[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < this.#options.maxPages; page++) {
      const params = new URLSearchParams({
        tenantId: query.tenantId,
        from: query.from,
        to: query.to,
        limit: String(PAGE_SIZE),
      });
      if (query.ownerId) params.set('ownerId', query.ownerId);
      if (cursor) params.set('cursor', cursor);
      const body = pageSchema.safeParse(await this.#get(`/internal/v1/pocs?${params}`, signal));
      if (!body.success) throw badShape('/internal/v1/pocs', body.error);
      for (const poc of body.data.items) {
        // The export is tenant-scoped; a POC of another tenant here would leak into an output.
        if (poc.tenantId !== query.tenantId) {
          throw new JobError(MediaErrorCodes.sourceRejected, `export returned a POC of another tenant (${poc.id})`, {
            retryable: false,
          });
        }
        pocs.push(poc);
      }
      cursor = body.data.nextCursor;
      if (!cursor) return pocs;
    }
    throw new JobError(MediaErrorCodes.sourceRejected, `export did not end after ${this.#options.maxPages} pages`, {
      retryable: false,
    });
  }

  async listMembers(tenantId: string, signal?: AbortSignal): Promise<Member[]> {
    const body = membersSchema.safeParse(
      await this.#get(`/internal/v1/members?${new URLSearchParams({ tenantId })}`, signal),
    );
    if (!body.success) throw badShape('/internal/v1/members', body.error);
    return body.data.items;
  }

  #get(path: string, signal?: AbortSignal): Promise<unknown> {
    return internalGet(this.#options, path, signal);
  }
}
