import type { Locale } from '@pocdojo/common/i18n/locales';
import type { MessageValues } from '@pocdojo/common/i18n/translator';
import type en from '../i18n/en.json';

/**
 * A key of the web app's catalogues: the same type as `useMessages`' keys, derived here from the
 * catalogue itself so unit tests under Node (no JSX, no virtual catalogue modules) can name it.
 */
export type MessageKey = keyof typeof en;

/**
 * What code outside React needs to speak the member's language: the locale for `Intl` and the
 * catalogue's `t` (both from `useMessages()`), passed in so the same function serves both languages
 * and unit tests can build it from the catalogues.
 */
export interface Words {
  locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
}
