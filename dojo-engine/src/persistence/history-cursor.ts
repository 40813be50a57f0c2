/**
 * Opaque pagination cursors for session history: base64url of the last event id.
 * Opaque so that the storage key can change without breaking clients.
 */
export function encodeCursor(id: number): string {
  return Buffer.from(`h:${id}`).toString('base64url');
}

/** 0 for no cursor; throws InvalidCursorError for anything that is not one of ours. */
export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  const match = /^h:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
    this.name = 'InvalidCursorError';
  }
}
