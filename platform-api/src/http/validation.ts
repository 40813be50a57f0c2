import type { Locale } from '@pocdojo/common/contracts/i18n/locales';
import type { MessageValues } from '@pocdojo/common/contracts/i18n/translator';
import { unstorableText } from '@pocdojo/common/contracts/text-policy';
import type { FieldError } from '@pocdojo/common/runtime/problem';
import { z } from 'zod';
import { problem } from '../errors.ts';
import { localizeKey } from '../i18n/messages.ts';

/** Zod's own messages (too big, wrong type…) in each of our languages. */
const zodLocales: Record<Locale, z.core.$ZodErrorMap> = {
  'pt-BR': z.locales.ptBR().localeError,
  en: z.locales.en().localeError,
};

/**
 * Zod issues as field errors: `tags.3` → "Too big: expected string to have <=50 characters".
 * A schema's own message is a key of the catalogue (with `params` as its values), written in
 * the reader's language when the problem is sent.
 */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    const values = issue.code === 'custom' ? (issue.params as MessageValues | undefined) : undefined;
    const english = localizeKey('en', issue.message, values);
    if (english === null) return { field: path, message: `${issue.message}${keys}`, code: issue.code };
    return {
      field: path,
      message: english,
      code: issue.code,
      localized: (locale) => localizeKey(locale, issue.message, values) ?? english,
    };
  });
}

/** Parses `input` with `schema` or throws a 400 problem naming every bad field, in `locale`. */
export function parseOrThrow<T>(
  schema: z.ZodType<T>,
  input: unknown,
  where: 'body' | 'query' | 'params',
  locale: Locale = 'en',
): T {
  const result = schema.safeParse(input, { error: zodLocales[locale] });
  if (result.success) return result.data;
  throw problem('validation_failed', 'request.invalid', {
    values: { where },
    errors: fieldErrors(result.error, where === 'body' ? '' : where),
  });
}

/**
 * Refuses a request any of whose strings — values or keys, in params, query or
 * body, whatever the route's schema says — breaks the part of the text policy
 * that holds everywhere (NUL, unpaired surrogates, noncharacters): such text
 * cannot be stored or relayed, and must not reach a query.
 */
export function assertStorableStrings(input: unknown, where: 'body' | 'query' | 'params'): void {
  const errors: FieldError[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (errors.length >= 20) return;
    if (typeof value === 'string') {
      const reason = unstorableText(value);
      if (reason) errors.push(textError(fieldPath(where, path), reason));
    } else if (value && typeof value === 'object') {
      // Arrays too: their keys are indices.
      for (const [key, item] of Object.entries(value)) {
        const reason = unstorableText(key);
        if (reason) errors.push(textError(fieldPath(where, path), reason, true));
        else visit(item, [...path, key]);
      }
    }
  };
  visit(input, []);
  if (errors.length) throw problem('validation_failed', 'request.unstorable_text', { values: { where }, errors });
}

const fieldPath = (where: string, path: string[]) => [where === 'body' ? '' : where, ...path].filter(Boolean).join('.');

/** A text-policy field error; `ofKey` when the offending text is an object key, not a value. */
function textError(field: string, reason: string, ofKey = false): FieldError {
  const write = (locale: Locale) => {
    const text = localizeKey(locale, reason) ?? reason;
    return ofKey ? (localizeKey(locale, 'field.key_invalid', { reason: text }) ?? text) : text;
  };
  return { field, message: write('en'), code: 'invalid_text', localized: write };
}
