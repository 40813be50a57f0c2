import type { ReportFigures } from '@pocdojo/common/contracts/report-figures';
import type { ApiClient } from './ApiClient.ts';

/** `GET /v1/analytics`: the report figures (one definition, shared with the PDF) and the filters' options. */
export interface Analytics extends ReportFigures {
  options: { members: { id: string; name: string }[]; languages: string[]; tags: string[] };
}

export interface AnalyticsQuery {
  from: string;
  /** Exclusive end. */
  to: string;
  memberId?: string;
  language?: string;
  tag?: string;
}

export function getAnalytics(api: ApiClient, query: AnalyticsQuery, signal?: AbortSignal): Promise<Analytics> {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.memberId) params.set('memberId', query.memberId);
  if (query.language) params.set('language', query.language);
  if (query.tag) params.set('tag', query.tag);
  return api.get<Analytics>(`/v1/analytics?${params}`, { signal });
}
