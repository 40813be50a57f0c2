import { DEFAULT_LOCALE, isLocale, type Locale } from '@pocdojo/common/i18n/locales';

/** What the app knows about the reader's language, strongest first. */
export interface LocaleHints {
  /** The member's own choice, from their profile (`/v1/me`). */
  profile?: string | null;
  /** The team's default language, for a member whose profile says nothing. */
  team?: string | null;
  /** The language this browser picked last (a visitor's choice on the signed-out pages). */
  chosen?: string | null;
  /** `navigator.languages`, for visitors and until the profile is known. */
  browser?: readonly string[];
}

/**
 * The language the web app speaks: the profile's, else the team's default,
 * else the one picked in this browser, else the first of the browser's
 * languages that PocDojo speaks (any Portuguese → pt-BR, any English → en),
 * else Brazilian Portuguese.
 */
export function resolveLocale(hints: LocaleHints): Locale {
  if (isLocale(hints.profile)) return hints.profile;
  if (isLocale(hints.team)) return hints.team;
  if (isLocale(hints.chosen)) return hints.chosen;
  return browserLocale(hints.browser ?? []);
}

/**
 * The first browser language PocDojo speaks. `navigator.languages` is already
 * ordered by preference, so matching each tag's language subtag is all the
 * negotiation needed for two languages (common's negotiateLocale parses
 * `Accept-Language` headers and weighs 12 KB the first load cannot afford).
 */
export function browserLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    let language: string;
    try {
      language = new Intl.Locale(tag).language;
    } catch {
      continue;
    }
    if (language === 'pt') return 'pt-BR';
    if (language === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}
