import { SearchLimits, type SearchRequest } from '@pocdojo/common/contracts/search';
import { type PocStatus, PocStatuses } from '@pocdojo/common/contracts/vocabularies';
import type { TenantId } from '@pocdojo/common/ids';
import { isUuid } from '@pocdojo/common/ids';
import type { FieldError } from '@pocdojo/common/problem';
import { Problem } from '@pocdojo/common/problem';
import { ErrorCodes } from '../errors.ts';

/** A validated, tenant-scoped search. */
export type SearchQuery = SearchRequest & { tenantId: TenantId };

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
  if (qRaw.length > SearchLimits.maxQueryLength) {
    tooLong = true;
    errors.push({ field: 'q', message: `must be at most ${SearchLimits.maxQueryLength} characters` });
  }

  const languages = list(raw, 'languages', errors);
  const tags = list(raw, 'tags', errors);
  const statuses = list(raw, 'statuses', errors);
  const unknown = statuses.find((s) => !(PocStatuses as readonly string[]).includes(s));
  if (unknown !== undefined) errors.push({ field: 'statuses', message: `must be among ${PocStatuses.join(', ')}` });
  const ownerId = single(raw, 'ownerId', errors);
  if (ownerId !== undefined && !isUuid(ownerId)) errors.push({ field: 'ownerId', message: 'must be a UUID' });
  const limit = integer(raw, 'limit', SearchLimits.defaultLimit, 1, SearchLimits.maxLimit, errors);
  const offset = integer(raw, 'offset', 0, 0, SearchLimits.maxOffset, errors);
  if (limit !== undefined && offset !== undefined && offset + limit > SearchLimits.maxWindow) {
    errors.push({ field: 'offset', message: `offset + limit must be at most ${SearchLimits.maxWindow}` });
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
    statuses: statuses as PocStatus[],
    ...(ownerId === undefined ? {} : { ownerId }),
    limit: limit ?? SearchLimits.defaultLimit,
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
  if (values.length > SearchLimits.maxFilterValues) {
    errors.push({ field, message: `at most ${SearchLimits.maxFilterValues} values` });
  }
  const long = values.findIndex((v) => v.length > SearchLimits.maxFilterValueLength);
  if (long >= 0) {
    errors.push({
      field: `${field}.${long}`,
      message: `must be at most ${SearchLimits.maxFilterValueLength} characters`,
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
