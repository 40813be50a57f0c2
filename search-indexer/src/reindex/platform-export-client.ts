import { type SearchablePoc, searchablePocSchema } from '@pocdojo/common/contracts/poc';
import { z } from 'zod';

const pageSchema = z.object({ items: z.array(searchablePocSchema), nextCursor: z.string().nullable() });

export interface ExportClientOptions {
  /** platform-api base URL (PLATFORM_API_URL). */
  baseUrl: string;
  /** The shared internal secret (INTERNAL_TOKEN). */
  token: string;
  /** POCs per page; the endpoint allows up to 1000. */
  pageSize?: number;
  /** Attempts per page on network errors and 5xx answers, with exponential backoff. */
  attempts?: number;
}

/**
 * Reads every POC of every tenant from platform-api's internal export
 * (`GET /internal/v1/pocs?limit=&cursor=`, Bearer INTERNAL_TOKEN), page by page.
 */
export async function* exportPocs(options: ExportClientOptions): AsyncGenerator<SearchablePoc[]> {
  let cursor: string | null = null;
  do {
    const url = new URL('/internal/v1/pocs', options.baseUrl);
    url.searchParams.set('limit', String(options.pageSize ?? 1000));
    if (cursor) url.searchParams.set('cursor', cursor);
    const page = await fetchPage(url, options.token, options.attempts ?? 4);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

async function fetchPage(url: URL, token: string, attempts: number): Promise<z.infer<typeof pageSchema>> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    } catch (error) {
      if (attempt >= attempts) throw new Error(`platform export ${url.origin} is unreachable`, { cause: error });
      await sleep(attempt);
      continue;
    }
    if (response.status >= 500 && attempt < attempts) {
      await sleep(attempt);
      continue;
    }
    if (!response.ok) {
      const body = await response.text();
      throw new Error(
        `platform export answered ${response.status} for ${url.pathname}${url.search}: ${body.slice(0, 300)}`,
      );
    }
    const parsed = pageSchema.safeParse(await response.json());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`platform export page is malformed at ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data;
  }
}

function sleep(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
}
