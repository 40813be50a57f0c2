import type { ApiClient } from './ApiClient.ts';
import type { Dojo, DojoTicket, EditPolicy, Kata, KataInput, Poc } from './types.ts';

const items = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);

export const listDojos = async (api: ApiClient, signal?: AbortSignal) =>
  items(await api.get<Dojo[] | { items: Dojo[] }>('/v1/dojos?limit=100', { signal }));

export const getDojo = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Dojo>(`/v1/dojos/${encodeURIComponent(id)}`, { signal });

export const listKatas = async (api: ApiClient, signal?: AbortSignal) =>
  items(await api.get<Kata[] | { items: Kata[] }>('/v1/katas', { signal }));

/** One kata with its instructions (markdown) and starters. */
export const getKata = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.get<Kata & { description: string }>(`/v1/katas/${encodeURIComponent(id)}`, { signal });

export interface DojoInput {
  title: string;
  kataId?: string;
  language: string;
  durationMinutes: number;
  rotationMinutes: number;
  editPolicy: EditPolicy;
  scheduledAt?: string;
}

export const createDojo = (api: ApiClient, input: DojoInput) => api.post<Dojo>('/v1/dojos', input);

/** Adds one of the team's own katas; the server runs its starters in the sandbox first (amber is refused). */
export const createKata = (api: ApiClient, kata: KataInput) => api.post<Kata>('/v1/katas', kata);

export const updateKata = (api: ApiClient, kata: KataInput) =>
  api.request<Kata>('PUT', `/v1/katas/${encodeURIComponent(kata.id)}`, { body: kata });

export const deleteKata = (api: ApiClient, id: string) => api.delete<void>(`/v1/katas/${encodeURIComponent(id)}`);

/** A short-lived ticket that admits this user to the dojo's room on dojo-engine. */
export const requestTicket = (api: ApiClient, dojoId: string) =>
  api.post<DojoTicket>(`/v1/dojos/${encodeURIComponent(dojoId)}/tickets`);

/** Saves a finished dojo as a POC of the team (facilitator or admin): kata, lights, participants, files as a zip. */
export const saveDojoAsPoc = (api: ApiClient, dojoId: string) =>
  api.post<{ poc: Poc; attachment: { id: string; fileName: string; bytes: number } }>(
    `/v1/dojos/${encodeURIComponent(dojoId)}/poc`,
  );

/** Marks the dojo finished (facilitator or admin): it leaves the live list and shows its history. */
export const finishDojo = (api: ApiClient, dojoId: string) =>
  api.patch<Dojo>(`/v1/dojos/${encodeURIComponent(dojoId)}`, { finished: true });
