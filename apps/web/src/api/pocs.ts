import type { ApiClient } from './ApiClient.ts';
import type { Attachment, Page, Poc, PocInput, SearchResult } from './types.ts';

export interface PocFilters {
  language?: string;
  tag?: string;
  status?: string;
  owner?: string;
}

const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const listPocs = (api: ApiClient, filters: PocFilters, cursor: string | null, signal?: AbortSignal) =>
  api.get<Page<Poc>>(`/v1/pocs${query({ ...filters, limit: 20, cursor: cursor ?? undefined })}`, { signal });

export const getPoc = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Poc>(`/v1/pocs/${encodeURIComponent(id)}`, { signal });

export const createPoc = (api: ApiClient, input: PocInput) => api.post<Poc>('/v1/pocs', input);

/** Optimistic concurrency: the edit applies only to `version`; a 412 means someone else changed it. */
export const updatePoc = (api: ApiClient, id: string, version: number, input: Partial<PocInput>) =>
  api.patch<Poc>(`/v1/pocs/${encodeURIComponent(id)}`, input, { headers: { 'if-match': `"${version}"` } });

export const deletePoc = (api: ApiClient, id: string) => api.delete<void>(`/v1/pocs/${encodeURIComponent(id)}`);

/** Typo-tolerant search with facet counts and highlights (search-indexer behind platform-api); every filter applies. */
export async function searchPocs(
  api: ApiClient,
  q: string,
  filters: { languages: string[]; tags: string[]; status?: string; owner?: string },
  signal?: AbortSignal,
): Promise<SearchResult> {
  const params = new URLSearchParams({ q, limit: '20' });
  if (filters.languages.length > 0) params.set('languages', filters.languages.join(','));
  if (filters.tags.length > 0) params.set('tags', filters.tags.join(','));
  if (filters.status) params.set('statuses', filters.status);
  if (filters.owner) params.set('owner', filters.owner);
  return api.get<SearchResult>(`/v1/pocs/search?${params}`, { signal });
}

interface UploadJson {
  uploadUrl?: string;
  url?: string;
  upload?: { url: string; headers?: Record<string, string> };
  headers?: Record<string, string>;
}

/** Browsers leave `File.type` empty for some text files (Markdown on most systems). */
function typeByExtension(name: string): string {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    md: 'text/markdown',
    markdown: 'text/markdown',
    txt: 'text/plain',
    csv: 'text/csv',
    json: 'application/json',
  };
  return types[extension] ?? 'application/octet-stream';
}

/** A file that could not be stored: the page names it in the reader's language. */
export class UploadFailed extends Error {
  readonly fileName: string;
  constructor(fileName: string, reason: string) {
    super(`Upload of ${fileName} failed (${reason})`);
    this.name = 'UploadFailed';
    this.fileName = fileName;
  }
}

/** Asks for a presigned PUT, then uploads the file straight to S3. */
export async function uploadAttachment(api: ApiClient, pocId: string, file: File): Promise<void> {
  const contentType = file.type || typeByExtension(file.name);
  const answer = await api.post<UploadJson>(`/v1/pocs/${encodeURIComponent(pocId)}/attachments`, {
    fileName: file.name,
    contentType,
    bytes: file.size,
  });
  const url = answer.uploadUrl ?? answer.upload?.url ?? answer.url;
  if (!url) throw new UploadFailed(file.name, 'no upload address');
  const response = await fetch(url, {
    method: 'PUT',
    body: file,
    // The signature covers these headers: send exactly what the server signed.
    headers: answer.upload?.headers ?? answer.headers ?? { 'content-type': contentType },
  });
  if (!response.ok) throw new UploadFailed(file.name, `HTTP ${response.status}`);
}

export const listAttachments = (api: ApiClient, pocId: string, signal?: AbortSignal) =>
  api.get<{ items: Attachment[] }>(`/v1/pocs/${encodeURIComponent(pocId)}/attachments`, { signal });

const attachmentPath = (pocId: string, attachmentId: string) =>
  `/v1/pocs/${encodeURIComponent(pocId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const renameAttachment = (api: ApiClient, pocId: string, attachmentId: string, fileName: string) =>
  api.patch<Attachment>(attachmentPath(pocId, attachmentId), { fileName });

export const deleteAttachment = (api: ApiClient, pocId: string, attachmentId: string) =>
  api.delete<void>(attachmentPath(pocId, attachmentId));
