import type { SearchablePoc } from './contracts/poc.ts';

/** The date a POC belongs to: when it started, or when it was registered (same rule as the platform's export). */
export function pocDate(poc: Pick<SearchablePoc, 'startedAt' | 'createdAt'>): string {
  return poc.startedAt ?? poc.createdAt;
}

/** `YYYY-MM` of an ISO timestamp, in UTC. */
export function monthOf(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${iso}`);
  return date.toISOString().slice(0, 7);
}

/** Every `YYYY-MM` from the month of `from` to the month before `to` (exclusive end), in order. */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (cursor < to) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** Sorts POCs by their date, then name, then id, so equal dates render in a stable order. */
export function byPocDate(a: SearchablePoc, b: SearchablePoc): number {
  return Date.parse(pocDate(a)) - Date.parse(pocDate(b)) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
