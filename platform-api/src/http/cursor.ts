import { fieldError, problem } from '../errors.ts';

/** Opaque, URL-safe pagination cursor over a tuple of sort keys. */
export function encodeCursor(keys: readonly string[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

/** Decodes a cursor of `arity` keys, each accepted by `valid`; a tampered cursor is a 400, never a 500. */
export function decodeCursor(cursor: string, valid: ReadonlyArray<(key: string) => boolean>): string[] {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(keys) &&
      keys.length === valid.length &&
      keys.every((k, i) => typeof k === 'string' && k.length < 100 && valid[i]?.(k))
    ) {
      return keys;
    }
  } catch {}
  throw problem('validation_failed', 'cursor.invalid', {
    errors: [fieldError('query.cursor', 'field.cursor_invalid')],
  });
}

/** Cursor key validators. */
export const isIsoTimestamp = (s: string) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(s) && !Number.isNaN(Date.parse(s));
