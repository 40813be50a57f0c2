import { randomUUID } from 'node:crypto';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { TenantId } from '@pocdojo/common/ids';
import type { RawQuery, SearchQuery } from '../../src/domain/search-query.ts';
import { parseSearchQuery } from '../../src/domain/search-query.ts';

export function newTenant(): TenantId {
  return randomUUID() as TenantId;
}

let clock = Date.parse('2026-01-01T00:00:00Z');

/** A searchable POC with sensible defaults; each call is one second newer than the last. */
export function poc(tenantId: string, fields: Partial<SearchablePoc> & { name: string }): SearchablePoc {
  clock += 1000;
  const at = new Date(clock).toISOString();
  return {
    id: randomUUID(),
    tenantId,
    ownerId: randomUUID(),
    description: '',
    languages: [],
    tags: [],
    status: 'active',
    repoUrl: null,
    startedAt: null,
    finishedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...fields,
  };
}

/** A query through the same validation the HTTP API uses. */
export function query(tenantId: string, params: RawQuery = {}): SearchQuery {
  return parseSearchQuery({ tenantId, ...params });
}
