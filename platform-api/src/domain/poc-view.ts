import { type Poc, pocSchema, type SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { PocEntity } from '../db/entities/Poc.ts';

/** The API's `Poc`: the shared POC contract, named for the OpenAPI document. */
export const pocView = pocSchema.meta({ id: 'Poc' });
export type PocView = Poc;

/** A POC row as returned by raw SQL (snake_case). */
export interface PocRow {
  id: string;
  tenant_id: string;
  owner_id: string;
  name: string;
  description: string;
  languages: string[];
  tags: string[];
  repo_url: string | null;
  status: PocView['status'];
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Columns to select for `PocRow`: dates and timestamps as ISO strings, formatted by Postgres in UTC. */
export const POC_COLUMNS = `id, tenant_id, owner_id, name, description, languages, tags, repo_url, status,
  to_char(started_at, 'YYYY-MM-DD') as started_at, to_char(finished_at, 'YYYY-MM-DD') as finished_at,
  to_char(created_at at time zone 'UTC', ${ISO_UTC}) as created_at,
  to_char(updated_at at time zone 'UTC', ${ISO_UTC}) as updated_at, version`;

export function rowToView(row: PocRow): PocView {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    languages: row.languages,
    tags: row.tags,
    repoUrl: row.repo_url,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const dateOnly = (value: unknown): string | null =>
  value == null ? null : typeof value === 'string' ? value.slice(0, 10) : (value as Date).toISOString().slice(0, 10);

export function entityToView(poc: PocEntity): PocView {
  return {
    id: poc.id,
    ownerId: poc.ownerId,
    name: poc.name,
    description: poc.description,
    languages: poc.languages as string[],
    tags: poc.tags as string[],
    repoUrl: poc.repoUrl ?? null,
    status: poc.status,
    startedAt: dateOnly(poc.startedAt),
    finishedAt: dateOnly(poc.finishedAt),
    createdAt: poc.createdAt.toISOString(),
    updatedAt: poc.updatedAt.toISOString(),
    version: poc.version,
  };
}

/** The full searchable POC carried by `poc.upserted`. */
export const toSearchable = (tenantId: string, view: PocView): SearchablePoc => ({ ...view, tenantId });
