import { PocStatuses } from '@pocdojo/common/contracts/vocabularies';
import type { TenantId } from '@pocdojo/common/ids';
import { isUuid } from '@pocdojo/common/ids';
import type { FieldError } from '@pocdojo/common/problem';
import { Problem } from '@pocdojo/common/problem';
import { ErrorCodes } from '../errors.ts';

/** Limits on a query, each sized against what a search box can legitimately send. */
export const QueryLimits = {
  /** Characters of `q`; longer is a 400 (a search box never sends this much). */
  maxQueryLength: 512,
  /** Words of `q` that count, as in Meilisearch, which ignores words after the tenth. */
  maxQueryWords: 10,
  /** Values per facet filter. */
  maxFilterValues: 20,
  /** Characters of one filter value. */
  maxFilterValueLength: 64,
  /** Page size. */
  defaultLimit: 20,
  maxLimit: 100,
  /** offset + limit; Meilisearch's default `maxTotalHits`, so both engines page the same way. */
  maxWindow: 1000,
} as const;

/** A validated, tenant-scoped search. */
export interface SearchQuery {
  tenantId: TenantId;
  /** Free text; empty means "everything in the tenant" (placeholder search). */
  q: string;
  /** Any of these languages (empty: no filter). */
  languages: string[];
  /** Any of these tags (empty: no filter). */
  tags: string[];
  /** Any of these statuses (empty or absent: no filter). */
  statuses?: string[];
  /** Only this member's POCs. */
  ownerId?: string;
  limit: number;
  offset: number;
}

/** Raw query-string parameters as Koa hands them over. */
export type RawQuery = Record<string, string | string[] | undefined>;

// Control characters (C0, C1) and the two private-use code points the highlighter uses as markers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\ue000\ue001]/g;

/** Makes user text safe to hand to an engine: well-formed UTF-16, NFC, no control characters. */
export function sanitizeText(value: string): string {
  return value.toWellFormed().normalize('NFC').replace(UNSAFE_CHARACTERS, ' ');
}

/**
 * Validates query-string parameters into a {@link SearchQuery}, or throws a
 * 400 Problem listing every offending field. Filters accept repeated
 * parameters (`tags=a&tags=b`) and comma-separated lists (`tags=a,b`).
 */
export function parseSearchQuery(raw: RawQuery): SearchQuery {
  const errors: FieldError[] = [];
  const tenantId = single(raw, 'tenantId', errors);
  if (tenantId === undefined) errors.push({ field: 'tenantId', message: 'is required' });
  else if (!isUuid(tenantId)) errors.push({ field: 'tenantId', message: 'must be a UUID' });

  const qRaw = single(raw, 'q', errors) ?? '';
  let tooLong = false;
  if (qRaw.length > QueryLimits.maxQueryLength) {
    tooLong = true;
    errors.push({ field: 'q', message: `must be at most ${QueryLimits.maxQueryLength} characters` });
  }

  const languages = list(raw, 'languages', errors);
  const tags = list(raw, 'tags', errors);
  const statuses = list(raw, 'statuses', errors);
  const unknown = statuses.find((s) => !(PocStatuses as readonly string[]).includes(s));
  if (unknown !== undefined) errors.push({ field: 'statuses', message: `must be among ${PocStatuses.join(', ')}` });
  const ownerId = single(raw, 'ownerId', errors);
  if (ownerId !== undefined && !isUuid(ownerId)) errors.push({ field: 'ownerId', message: 'must be a UUID' });
  const limit = integer(raw, 'limit', QueryLimits.defaultLimit, 1, QueryLimits.maxLimit, errors);
  const offset = integer(raw, 'offset', 0, 0, QueryLimits.maxWindow, errors);
  if (limit !== undefined && offset !== undefined && offset + limit > QueryLimits.maxWindow) {
    errors.push({ field: 'offset', message: `offset + limit must be at most ${QueryLimits.maxWindow}` });
  }

  if (errors.length > 0) {
    const code = tooLong && errors.length === 1 ? ErrorCodes.queryTooLong : ErrorCodes.invalidQuery;
    throw new Problem(400, code, 'Bad Request', { detail: 'The search query is invalid', errors });
  }
  return {
    tenantId: tenantId as TenantId,
    q: sanitizeText(qRaw).trim(),
    languages,
    tags,
    statuses,
    ...(ownerId === undefined ? {} : { ownerId }),
    limit: limit ?? QueryLimits.defaultLimit,
    offset: offset ?? 0,
  };
}

function single(raw: RawQuery, field: string, errors: FieldError[]): string | undefined {
  const value = raw[field];
  if (Array.isArray(value)) {
    errors.push({ field, message: 'must be given once' });
    return undefined;
  }
  return value;
}

function list(raw: RawQuery, field: string, errors: FieldError[]): string[] {
  const value = raw[field];
  if (value === undefined) return [];
  const values = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => sanitizeText(v).trim())
    .filter((v) => v.length > 0);
  if (values.length > QueryLimits.maxFilterValues) {
    errors.push({ field, message: `at most ${QueryLimits.maxFilterValues} values` });
  }
  const long = values.findIndex((v) => v.length > QueryLimits.maxFilterValueLength);
  if (long >= 0) {
    errors.push({
      field: `${field}.${long}`,
      message: `must be at most ${QueryLimits.maxFilterValueLength} characters`,
    });
  }
  return [...new Set(values)];
}

function integer(
  raw: RawQuery,
  field: string,
  fallback: number,
  min: number,
  max: number,
  errors: FieldError[],
): number | undefined {
  const value = single(raw, field, errors);
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,7}$/.test(value)) {
    errors.push({ field, message: 'must be a non-negative integer' });
    return undefined;
  }
  const n = Number(value);
  if (n < min || n > max) {
    errors.push({ field, message: `must be between ${min} and ${max}` });
    return undefined;
  }
  return n;
}
