import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_TIME_ZONE, type Locale, Locales } from './locales.ts';

/** One workspace's messages: ICU MessageFormat strings by key, one catalogue per language. */
export type Catalogues<K extends string> = Record<Locale, Record<K, string>>;

/** Values an ICU message may name: text, numbers (plurals) and dates. */
export type MessageValues = Record<string, string | number | Date>;

/** Formats a workspace's messages in any of its languages. */
export interface Translator<K extends string> {
  /** The message `key` in `locale`, its `{placeholders}` filled from `values`. */
  format(locale: Locale, key: K, values?: MessageValues): string;
  /** True when `key` is one of the catalogue's keys (for keys that arrive as data, like error codes). */
  has(key: string): key is K;
}

/**
 * Builds a translator over `catalogues` (imported JSON files). Each message is
 * parsed once, on first use, and kept; dates in messages are shown in
 * Brasília time unless `timeZone` says otherwise. A key missing in a language
 * cannot happen in a merged tree (`npm run lint` checks the catalogues); if it
 * does, the English text is shown rather than nothing.
 */
export function createTranslator<K extends string>(
  catalogues: Catalogues<K>,
  options: { timeZone?: string } = {},
): Translator<K> {
  const compiled = new Map<string, IntlMessageFormat>();
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const formats = {
    date: { long: { day: 'numeric', month: 'long', year: 'numeric', timeZone } },
    time: { short: { hour: 'numeric', minute: '2-digit', timeZone } },
  } as const;
  return {
    format(locale, key, values) {
      const id = `${locale}\u0000${key}`;
      let message = compiled.get(id);
      if (!message) {
        const source = catalogues[locale]?.[key] ?? catalogues.en[key] ?? key;
        message = new IntlMessageFormat(source, locale, formats, { ignoreTag: true });
        compiled.set(id, message);
      }
      return String(message.format(values));
    },
    has(key): key is K {
      return Locales.every((locale) => Object.hasOwn(catalogues[locale] ?? {}, key));
    },
  };
}
