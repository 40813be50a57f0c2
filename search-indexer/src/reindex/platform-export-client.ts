import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { PocExportLimits } from '@pocdojo/common/contracts/poc-export';
import { pocExportPages } from '@pocdojo/common/internal-api-client';

export interface ExportClientOptions {
  /** platform-api base URL (PLATFORM_API_URL). */
  baseUrl: string;
  /** The shared internal secret (INTERNAL_TOKEN). */
  token: string;
  /** POCs per page; the endpoint allows up to PocExportLimits.maxPageSize. */
  pageSize?: number;
  /** Attempts per page on network errors and 5xx answers, with exponential backoff. */
  attempts?: number;
}

/** Reads every POC of every tenant from platform-api's internal export, page by page (the one internal client). */
export async function* exportPocs(options: ExportClientOptions): AsyncGenerator<SearchablePoc[]> {
  const pages = pocExportPages(
    { baseUrl: options.baseUrl, token: options.token },
    { limit: options.pageSize ?? PocExportLimits.maxPageSize },
    { attempts: options.attempts ?? 4 },
  );
  for await (const page of pages) yield page.items;
}
