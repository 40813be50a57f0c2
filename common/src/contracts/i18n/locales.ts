/** The languages PocDojo speaks; Brazilian Portuguese first. */
export const Locales = ['pt-BR', 'en'] as const;
export type Locale = (typeof Locales)[number];

/** The language of a new team, and of anyone who has not said otherwise. */
export const DEFAULT_LOCALE: Locale = 'pt-BR';

/** The time zone dates are shown in when the reader has not chosen one: Brasília time for both languages. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

export const isLocale = (value: unknown): value is Locale => Locales.includes(value as Locale);
