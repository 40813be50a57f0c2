import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, isLocale, type Locale, Locales } from './locales.ts';

/** What a request says about the reader's language, strongest first. */
export interface LocaleHints {
  /** The member's own choice, from their profile. */
  user?: string | null;
  /** The `Accept-Language` header, for readers we do not know yet (login, sign-up, invitation links). */
  acceptLanguage?: string | null;
  /** The team's default language, for members who have not chosen. */
  team?: string | null;
}

/**
 * The language to answer in: the member's profile choice, else the closest
 * supported language the client accepts (`pt-PT` and `pt` → pt-BR, `en-GB` → en),
 * else the team's default, else Brazilian Portuguese.
 */
export function negotiateLocale(hints: LocaleHints): Locale {
  if (isLocale(hints.user)) return hints.user;
  const accepted = hints.acceptLanguage ? acceptedLanguages(hints.acceptLanguage) : [];
  if (accepted.length) {
    const found = match(accepted, [...Locales], '', { algorithm: 'best fit' });
    if (isLocale(found)) return found;
  }
  if (isLocale(hints.team)) return hints.team;
  return DEFAULT_LOCALE;
}

/** `Accept-Language`'s languages by preference, `*` and malformed tags dropped. */
function acceptedLanguages(header: string): string[] {
  const languages = new Negotiator({ headers: { 'accept-language': header } }).languages();
  return languages.filter((tag) => {
    if (tag === '*') return false;
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  });
}
