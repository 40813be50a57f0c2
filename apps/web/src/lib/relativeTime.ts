/** The largest unit that fits, from years down to seconds (`Intl.RelativeTimeFormat` units, in seconds). */
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * How far `at` is from `now`, as people say it in `locale`: "in 2 hours", "em 2 horas",
 * "yesterday", "ontem", "há 3 minutos" — rounded to the largest unit that fits.
 */
export function relativeTime(at: number, now: number, locale: string): string {
  const seconds = (at - now) / 1000;
  const [unit, size] = units.find(([, length]) => Math.abs(seconds) >= length) ?? units.at(-1)!;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
}
