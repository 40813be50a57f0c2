import type { MessageKey, Words } from './words.ts';

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

/** What is wrong with a range (a catalogue key, for the form); null when it is a real period. */
export function periodProblem(period: Period): MessageKey | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(period.from) || !/^\d{4}-\d{2}-\d{2}$/.test(period.until))
    return 'period.problem.both_days';
  if (period.until < period.from) return 'period.problem.ends_before_start';
  return null;
}

/** The presets as the picker offers them: "This year (2026)", "Este ano (2026)". */
export function presetLabel(preset: PeriodPreset, { t }: Words, today: Date = new Date()): string {
  const year = today.getFullYear();
  if (preset === 'thisYear') return t('period.preset.this_year', { year: String(year) });
  if (preset === 'lastYear') return t('period.preset.last_year', { year: String(year - 1) });
  return t('period.preset.range');
}

/**
 * "Jan 1 – Dec 31, 2025", "1 jan – 31 dez 2025": the days of a period, compact, in `locale`.
 * Intl decides the order, the month names and which parts the two ends share; the compact style
 * drops the connecting words and abbreviation dots of the medium date style (pt-BR's
 * "1 de jan. – 31 de dez. de 2025"), which read as clutter on a card.
 */
export function periodLabel(from: string, untilIncluded: string, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return format
    .formatRangeToParts(new Date(`${from}T00:00:00Z`), new Date(`${untilIncluded}T00:00:00Z`))
    .map((part) => {
      if (part.type === 'month') return part.value.replace(/\.$/, '');
      if (part.type === 'literal' && /\p{L}/u.test(part.value)) return ' ';
      return part.value;
    })
    .join('')
    .replace(/ {2,}/g, ' ');
}

/** The day before an exclusive end: how a stored `[from, to)` is shown. */
export function lastDayOf(exclusiveTo: string): string {
  const end = new Date(`${exclusiveTo}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return day(end);
}
