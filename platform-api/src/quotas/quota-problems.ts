import type { MessageValues } from '@pocdojo/common/contracts/i18n/translator';
import { DomainError } from '../domain/domain-error.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { QuotaName } from './plans.ts';

/** What a quota problem tells the client: which limit, its value for the tenant, and the plan it comes from. */
export interface QuotaBreach {
  limit: QuotaName;
  value: number;
  plan: string;
}

/** 403: a capacity limit (POCs, storage, attachment size) — waiting does not help, removing or upgrading does. */
export function quotaExceeded(breach: QuotaBreach, key: MessageKey, values: MessageValues) {
  return new DomainError('quota_exceeded', key, { values, extensions: { ...breach } });
}

/** 429: a per-day limit — it resets at the next UTC midnight, which Retry-After names. */
export function dailyQuotaExceeded(breach: QuotaBreach, key: MessageKey, values: MessageValues, now = new Date()) {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const seconds = Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
  return new DomainError('quota_rate_exceeded', key, {
    values: { ...values, seconds },
    headers: { 'Retry-After': String(seconds) },
    extensions: { ...breach },
  });
}
