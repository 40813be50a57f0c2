import type { FieldError } from '@pocdojo/common/problem';
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
