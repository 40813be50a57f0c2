import type { ApiClient } from './ApiClient.ts';
import type { Job } from './types.ts';

export interface ReportInput {
  scope: 'tenant' | 'me' | { userId: string };
  from: string;
  to: string;
  format: 'pdf' | 'csv' | 'json';
}

export const requestReport = (api: ApiClient, input: ReportInput) => api.post<{ jobId: string }>('/v1/reports', input);
export const requestVideo = (api: ApiClient, input: { year: number; userId?: string }) =>
  api.post<{ jobId: string }>('/v1/videos', input);
export const getJob = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Job>(`/v1/jobs/${encodeURIComponent(id)}`, { signal });
export const listJobs = async (api: ApiClient, signal?: AbortSignal) => {
  const body = await api.get<Job[] | { items: Job[] }>('/v1/jobs', { signal });
  return Array.isArray(body) ? body : body.items;
};

export const isFinished = (job: Job) => job.status === 'succeeded' || job.status === 'failed';

/** Asks for an archive of all the member's personal data (a job like a report; only they see it). */
export const requestPersonalDataExport = (api: ApiClient) => api.post<{ jobId: string }>('/v1/me/exports');
