import type { Locale } from '@pocdojo/common/contracts/notifications';
import { IntlMessageFormat } from 'intl-messageformat';
import en from './en.json' with { type: 'json' };
import ptBR from './pt-BR.json' with { type: 'json' };

export type MessageKey = keyof typeof en;

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, 'pt-BR': ptBR };

/** The time zone of a reader who did not say: the customers are Brazilian teams. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
export const DEFAULT_LOCALE: Locale = 'pt-BR';

/**
 * Everything a rendered file says, in the requester's language: ICU messages
 * from the catalogues (plurals included), and dates, months and numbers
 * through `Intl` with the reader's locale and time zone.
 */
export interface Reader {
  locale: Locale;
  timeZone: string;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** An instant, e.g. "1 de dezembro de 2026, 17:33", in the reader's time zone. */
  dateTime(iso: string): string;
  /** A calendar day (`YYYY-MM-DD`), e.g. "1 de dezembro de 2026". */
  day(date: string): string;
  /** `YYYY-MM` → "dezembro de 2026" / "December 2026". */
  month(month: string): string;
  /** `YYYY-MM` → "dez." / "Dec", for chart axes. */
  shortMonth(month: string): string;
  number(value: number): string;
  percent(rate: number): string;
  /** The time zone as people name it ("Horário Padrão de Brasília"), its IANA id in brackets. */
  zoneName(): string;
}

const formats = new Map<string, IntlMessageFormat>();

export function reader(locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE): Reader {
  const catalogue = catalogues[locale];
  // Calendar days and months are UTC dates: formatting them in another zone would shift them a day.
  const utcDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const utcMonth = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const utcShortMonth = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  // Day and time apart, joined by a comma ("1 de dezembro de 2026, 17:33"): ICU's combined long pattern
  // says "às" in Portuguese, which reads as a sentence rather than a timestamp.
  const instantDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
  const instantTime = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    locale,
    timeZone,
    t(key, values) {
      const cacheKey = `${locale}\u0000${key}`;
      let format = formats.get(cacheKey);
      if (!format) {
        format = new IntlMessageFormat(catalogue[key], locale);
        formats.set(cacheKey, format);
      }
      return String(format.format(values));
    },
    dateTime: (iso) => `${instantDay.format(new Date(iso))}, ${instantTime.format(new Date(iso))}`,
    day: (date) => utcDay.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)),
    month: (month) => utcMonth.format(new Date(`${month}-01T00:00:00Z`)),
    shortMonth: (month) => utcShortMonth.format(new Date(`${month}-01T00:00:00Z`)).replace(/\.$/, ''),
    number: (value) => numbers.format(value),
    percent: (rate) => percents.format(rate),
    zoneName: () => {
      const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(
        new Date(),
      );
      const name = parts.find((part) => part.type === 'timeZoneName')?.value;
      return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
    },
  };
}
