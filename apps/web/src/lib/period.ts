/**
 * A period as people think of it — this year, last year, or a range of days
 * with both ends included — and its translation to the API's `[from, to)`.
 */
export type PeriodPreset = 'thisYear' | 'lastYear' | 'range';

export interface Period {
  preset: PeriodPreset;
  /** First day, `YYYY-MM-DD` (used by `range`; kept in sync for the presets). */
  from: string;
  /** Last day, included. */
  until: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The preset's days for `today` (calendar years). */
export function periodFor(
  preset: PeriodPreset,
  today: Date = new Date(),
  range?: { from: string; until: string },
): Period {
  const year = today.getFullYear();
  if (preset === 'thisYear') return { preset, from: `${year}-01-01`, until: `${year}-12-31` };
  if (preset === 'lastYear') return { preset, from: `${year - 1}-01-01`, until: `${year - 1}-12-31` };
  return { preset, from: range?.from ?? `${year}-01-01`, until: range?.until ?? day(today) };
}

/** The API's half-open window: the day after `until` is the exclusive end. */
export function toApiWindow(period: Period): { from: string; to: string } {
  const end = new Date(`${period.until}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: period.from, to: day(end) };
}

/** What is wrong with a range, for the form; null when it is a real period. */
export function periodProblem(period: Period): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period.from) || !/^\d{4}-\d{2}-\d{2}$/.test(period.until))
    return 'Choose both days of the range';
  if (period.until < period.from) return 'The range ends before it starts';
  return null;
}

/** "1 Jan – 31 Dec 2026" in the page's language. */
export function periodLabel(from: string, untilIncluded: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return format.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${untilIncluded}T00:00:00Z`));
}

/** The day before an exclusive end: how a stored `[from, to)` is shown. */
export function lastDayOf(exclusiveTo: string): string {
  const end = new Date(`${exclusiveTo}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return day(end);
}
