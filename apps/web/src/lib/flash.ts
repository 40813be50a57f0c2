/**
 * A one-time message for the next page ("Saved" after an edit returns to the
 * read view): set before navigating, taken once by the page that shows it.
 */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
