import type { FieldError } from '@pocdojo/common/problem';
import { unstorableText } from '@pocdojo/common/text-policy';
import type { z } from 'zod';
import { problem } from '../errors.ts';

/** Zod issues as field errors: `tags.3` → "Too big: expected string to have <=50 characters". */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return { field: path, message: `${issue.message}${keys}`, code: issue.code };
  });
}

/** Parses `input` with `schema` or throws a 400 problem naming every bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, where: 'body' | 'query' | 'params'): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw problem('validation_failed', `The request ${where} is invalid`, {
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
      const message = unstorableText(value);
      if (message) errors.push({ field: fieldPath(where, path), message, code: 'invalid_text' });
    } else if (value && typeof value === 'object') {
      // Arrays too: their keys are indices.
      for (const [key, item] of Object.entries(value)) {
        const message = unstorableText(key);
        if (message) errors.push({ field: fieldPath(where, path), message: `a key ${message}`, code: 'invalid_text' });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(input, []);
  if (errors.length)
    throw problem('validation_failed', `The request ${where} holds text that cannot be stored`, { errors });
}

const fieldPath = (where: string, path: string[]) => [where === 'body' ? '' : where, ...path].filter(Boolean).join('.');
